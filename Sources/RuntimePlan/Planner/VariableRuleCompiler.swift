import Foundation
import HAProxyConfig
import RuntimePlan

/// Compiles `set-var(SCOPE.NAME[,CONDITION…]) EXPRESSION`, `set-var-fmt(…) FORMAT` and `unset-var(SCOPE.NAME)`.
enum VariableRuleCompiler {
    /// The scopes HAProxy 2.6 knows.
    static let scopes = VariableScopes.names
    /// `set-var`'s conditions (HAProxy 2.6 takes at most four).
    static let conditions: Set<String> = ["ifexists", "ifnotexists", "ifempty", "ifnotempty", "ifset", "ifnotset", "ifgt", "iflt"]

    static func compile(_ rule: ActionRule, text: String, source: SourceRef) -> Result<HTTPRequestRule, RuleCompiler.Problem> {
        let keyword = RuleCompiler.keyword(rule.action)
        guard let open = rule.action.firstIndex(of: "("), rule.action.hasSuffix(")") else {
            return .failure(.invalid("'\(keyword)' needs a variable name in parentheses"))
        }
        let inner = rule.action[rule.action.index(after: open)..<rule.action.index(before: rule.action.endIndex)]
        let words = inner.split(separator: ",").map { String($0).trimmingCharacters(in: CharacterSet(charactersIn: " ")) }
        guard let name = words.first, let scope = name.split(separator: ".").first, scopes.contains(String(scope)),
              name.count > scope.count + 1 else {
            return .failure(.invalid("'\(inner)' is not a variable name (proc., sess., txn., req. or res. and a name)"))
        }
        if keyword == "unset-var" {
            return .success(HTTPRequestRule(action: .unsetVar, variable: name, text: text, source: source))
        }
        let wanted = Array(words.dropFirst())
        guard wanted.allSatisfy(conditions.contains) else { return .failure(.unsupported) }
        if keyword == "set-var-fmt" {
            guard rule.arguments.count == 1, let format = LogFormatParser.parse(rule.arguments[0]) else { return .failure(.unsupported) }
            return .success(HTTPRequestRule(action: .setVarFormat, value: format, variable: name,
                                            variableConditions: wanted, text: text, source: source))
        }
        // The expression is one word; a space inside a converter's arguments splits it (HAProxy joins nothing either).
        guard rule.arguments.count == 1, let (expression, _) = SampleExpressionParser.parse(rule.arguments[0]) else {
            return .failure(.unsupported)
        }
        return .success(HTTPRequestRule(action: .setVar, variable: name, expression: expression, variableConditions: wanted,
                                        text: text, source: source))
    }
}
