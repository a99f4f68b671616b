import ConfigDiagnostics

extension RuleID {
    static let conditionSyntax = RuleID("condition-syntax")
    static let conditionUnbalanced = RuleID("condition-unbalanced")
    static let conditionTooDeep = RuleID("condition-too-deep")
    static let alertDirective = RuleID("alert-directive")
    static let warningDirective = RuleID("warning-directive")
    static let noticeDirective = RuleID("notice-directive")
    static let unknownDirective = RuleID("unknown-directive")
    static let directiveArguments = RuleID("directive-arguments")
    static let keywordOutOfSection = RuleID("keyword-out-of-section")
    static let modifierNotAllowed = RuleID("modifier-not-allowed")
}

/// The parser's messages, kept beside the rule ids they belong to.
enum ParserMessage {
    static func conditionSyntax(_ directive: String, _ detail: String) -> String { "\(detail) in '\(directive)'" }
    static func lone(_ directive: String) -> String { "'\(directive)' without a matching '.if'" }
    static func afterElse(_ directive: String) -> String { "'\(directive)' after '.else' is not permitted" }
    static let unterminatedIf = "'.if' block is never closed by '.endif'"
    static let tooDeep = "too many nested '.if' blocks: HAProxy allows at most 99"
    static func unexpectedArgument(_ directive: String) -> String {
        "unexpected argument after '\(directive)'"
    }
    static func messageArguments(_ directive: String) -> String {
        "'\(directive)' takes one message: put quotes around a message that contains spaces"
    }
    static func alert(_ text: String) -> String { ".alert: \(text)" }
    static func warning(_ text: String) -> String { ".warning: \(text)" }
    static func notice(_ text: String) -> String { ".notice: \(text)" }
    static func unknownDirective(_ name: String) -> String {
        "unknown directive '\(name)': HAProxy knows .if, .elif, .else, .endif, .diag, .notice, .warning and .alert"
    }
    static func outOfSection(_ keyword: String) -> String {
        "'\(keyword)' appears before any section header"
    }
    static let outOfSectionNote = "every file starts outside any section: begin it with 'global', 'defaults', 'frontend', 'backend', 'listen', …"
    static func modifierNotAllowed(_ modifier: String) -> String {
        "'\(modifier)' only applies to 'option', 'log' and a few global flags"
    }
}
