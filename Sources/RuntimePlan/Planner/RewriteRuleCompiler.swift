import Foundation
import HAProxyConfig

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
