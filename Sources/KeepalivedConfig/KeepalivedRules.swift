import ConfigDiagnostics

extension RuleID {
    static let keepalivedUnknownKeyword = RuleID("keepalived-unknown-keyword")
    static let keepalivedWrongBlock = RuleID("keepalived-wrong-block")
    static let keepalivedMissingBrace = RuleID("keepalived-missing-brace")
    static let keepalivedExtraBrace = RuleID("keepalived-extra-brace")
    static let keepalivedBlockExpected = RuleID("keepalived-block-expected")
    static let keepalivedUnmatchedQuote = RuleID("keepalived-unmatched-quote")
    static let keepalivedMissingArgument = RuleID("keepalived-missing-argument")
    static let keepalivedExtraArgument = RuleID("keepalived-extra-argument")
    static let keepalivedInvalidArgument = RuleID("keepalived-invalid-argument")
    static let keepalivedInclude = RuleID("keepalived-include")
    static let keepalivedTooDeep = RuleID("keepalived-too-deep")
}

/// The Keepalived parser's messages, beside the rule ids they belong to.
enum KeepalivedMessage {
    static func unknownKeyword(_ keyword: String, _ block: String) -> String {
        block == "top" ? "unknown keyword '\(keyword)'" : "unknown keyword '\(keyword)' in '\(block)' block"
    }
    static func didYouMean(_ candidate: String) -> String { "did you mean '\(candidate)'?" }
    static func wrongBlock(_ keyword: String, _ block: String) -> String {
        block == "top" ? "'\(keyword)' is not allowed at the top level" : "'\(keyword)' is not allowed in a '\(block)' block"
    }
    static func belongsIn(_ blocks: [String]) -> String {
        "it belongs in " + blocks.map { $0 == "top" ? "the top level" : "'\($0)'" }.joined(separator: ", ")
    }
    static func missingBrace(_ keyword: String) -> String { "'{' of '\(keyword)' is never closed" }
    static let extraBrace = "'}' without a matching '{'"
    static func blockExpected(_ keyword: String) -> String { "'\(keyword)' must be followed by a '{ … }' block" }
    static let unmatchedQuote = "unterminated quote"
    static func missing(_ keyword: String, _ expected: String) -> String { "'\(keyword)' expects \(expected)" }
    static func extra(_ keyword: String, _ word: String) -> String { "unexpected argument '\(word)' after '\(keyword)'" }
    static func notOneOf(_ word: String, _ choices: [String]) -> String {
        "'\(word)' is not one of " + choices.map { "'\($0)'" }.joined(separator: ", ")
    }
    static func notNumber(_ word: String) -> String { "'\(word)' is not a number" }
    static func outOfRange(_ word: String, _ range: ClosedRange<Int>) -> String {
        "'\(word)' is out of range: expected \(range.lowerBound) to \(range.upperBound)"
    }
    static func includeMissing(_ pattern: String) -> String { "include '\(pattern)' matches no readable file" }
    static func includeLoop(_ path: String) -> String { "'\(path)' includes itself" }
    static let tooDeep = "blocks nested too deeply (more than 64 levels)"
}
