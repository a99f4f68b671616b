import Foundation
import HAProxyConfig
import RuntimePlan

/// Compiles the rewriting actions: `replace-header`, `replace-value`, `set-status`.
enum RewriteRuleCompiler {
    /// `replace-header NAME REGEX REPLACEMENT` (the whole line) and `replace-value …` (each comma-separated value).
    static func replace(_ rule: ActionRule, text: String, source: SourceRef) -> Result<HTTPRequestRule, RuleCompiler.Problem> {
        let arguments = rule.arguments
        guard arguments.count >= 3 else { return .failure(.invalid("'\(rule.action)' needs a name, a regular expression and a replacement")) }
        guard (try? NSRegularExpression(pattern: arguments[1])) != nil else {
            return .failure(.invalid("'\(arguments[1])' is not a valid regular expression"))
        }
        guard let replacement = LogFormatParser.parse(arguments[2]) else { return .failure(.unsupported) }
        return .success(HTTPRequestRule(action: rule.action == "replace-header" ? .replaceHeader : .replaceValue,
                                        headerName: arguments[0], value: replacement, pattern: arguments[1], text: text,
                                        source: source))
    }

    /// `set-method|set-path|set-pathq|set-query|set-uri FORMAT`.
    static func setRequestLine(_ rule: ActionRule, text: String, source: SourceRef) -> Result<HTTPRequestRule, RuleCompiler.Problem> {
        guard let written = rule.arguments.first, let action = HTTPRequestRule.Action(rawValue: rule.action) else {
            return .failure(.invalid("'\(rule.action)' needs a value"))
        }
        guard rule.arguments.count == 1, let value = LogFormatParser.parse(written) else { return .failure(.unsupported) }
        return .success(HTTPRequestRule(action: action, value: value, text: text, source: source))
    }

    /// `replace-path|replace-pathq|replace-uri REGEX FORMAT`.
    static func replaceRequestLine(_ rule: ActionRule, text: String, source: SourceRef) -> Result<HTTPRequestRule, RuleCompiler.Problem> {
        let arguments = rule.arguments
        guard arguments.count == 2, let action = HTTPRequestRule.Action(rawValue: rule.action) else {
            return .failure(.invalid("'\(rule.action)' needs a regular expression and a replacement"))
        }
        guard (try? NSRegularExpression(pattern: arguments[0])) != nil else {
            return .failure(.invalid("'\(arguments[0])' is not a valid regular expression"))
        }
        guard let replacement = LogFormatParser.parse(arguments[1]) else { return .failure(.unsupported) }
        return .success(HTTPRequestRule(action: action, value: replacement, pattern: arguments[0], text: text, source: source))
    }

    /// `set-status CODE [reason TEXT]`: a code from 100 to 999.
    static func setStatus(_ arguments: [String], text: String, source: SourceRef) -> Result<HTTPRequestRule, RuleCompiler.Problem> {
        guard let first = arguments.first, let code = Int(first), (100...999).contains(code) else {
            return .failure(.invalid("'set-status' needs a status code from 100 to 999"))
        }
        var reason: String?
        if arguments.count >= 3, arguments[1] == "reason" { reason = arguments[2] }
        return .success(HTTPRequestRule(action: .setStatus, status: code, reason: reason, text: text, source: source))
    }
}
