import HAProxyConfig
import RuntimePlan

/// `set-var proc.NAME EXPRESSION` and `set-var-fmt proc.NAME FORMAT` of the
/// `global` section: `proc` variables HAProxy sets once while it reads the
/// configuration, in order, so that a line can read the ones above it.
enum GlobalVariableCompiler {
    static func compile(_ global: GlobalSettings?, context: inout PlanningContext) -> [HTTPRequestRule]? {
        var rules: [HTTPRequestRule] = []
        for directive in global?.directives ?? [] where directive.keyword == "set-var" || directive.keyword == "set-var-fmt" {
            let arguments = directive.arguments
            let text = ([directive.keyword] + arguments).joined(separator: " ")
            let source = SourceRef(directive.range)
            guard arguments.count == 2, arguments[0].hasPrefix("proc."), arguments[0].count > 5 else {
                context.error(PlannerMessage.ruleInvalid, "'\(directive.keyword)' in 'global' needs a proc. variable and a value",
                              at: directive.range)
                continue
            }
            if directive.keyword == "set-var-fmt", let format = LogFormatParser.parse(arguments[1]) {
                rules.append(HTTPRequestRule(action: .setVarFormat, value: format, variable: arguments[0], text: text, source: source))
            } else if directive.keyword == "set-var", let (expression, _) = SampleExpressionParser.parse(arguments[1]) {
                rules.append(HTTPRequestRule(action: .setVar, variable: arguments[0], expression: expression, text: text,
                                             source: source))
            } else {
                continue
            }
            context.markHandled(directive.range)
        }
        return rules.isEmpty ? nil : rules
    }
}
