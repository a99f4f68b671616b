import HAProxyConfig
import RuntimePlan

/// Compiles a frontend's `tcp-request connection|session|content` rules and
/// `tcp-request inspect-delay`; what the engine does not run stays unsupported.
struct TCPRuleCompiler {
    let acls: ACLTable
    let proxyName: String

    static let stages: [String: TCPRule.Stage] = [
        "tcp-request connection": .connection, "tcp-request session": .session, "tcp-request content": .content,
    ]

    func compile(_ proxy: Proxy, into plan: inout FrontendPlan, context: inout PlanningContext) {
        let slots = proxy.rules.contains { $0.hook == "tcp-request content" && $0.action == "capture" } ? CaptureSlotLayout(proxy) : nil
        for rule in proxy.rules {
            if rule.hook == "tcp-request inspect-delay" {
                if case .success(let delay) = Duration.parse(rule.action) {
                    plan.inspectDelayMs = Int(delay.milliseconds)
                    context.markHandled(rule.range)
                }
                continue
            }
            guard let stage = Self.stages[rule.hook],
                  let compiled = compile(rule, stage: stage, slots: slots, context: &context) else { continue }
            plan.tcpRequestRules.append(compiled)
            context.markHandled(rule.range)
        }
    }

    /// `tcp-response content accept` lines (with `tcp-response inspect-delay`) when no other
    /// `tcp-response` action is written: accepting is what the engine does with every response.
    static func acceptOnlyResponseRules(_ proxy: Proxy, context: inout PlanningContext) {
        let rules = proxy.rules.filter { $0.hook == "tcp-response content" }
        guard !rules.isEmpty, rules.allSatisfy({ $0.action == "accept" && $0.arguments.isEmpty }) else { return }
        rules.forEach { context.markHandled($0.range) }
        for directive in proxy.directives where directive.keyword.hasPrefix("tcp-response inspect-delay") {
            context.markHandled(directive.range)
        }
    }

    /// nil when the rule stays unsupported (or was reported as invalid).
    private func compile(_ rule: ActionRule, stage: TCPRule.Stage, slots: CaptureSlotLayout?,
                         context: inout PlanningContext) -> TCPRule? {
        let keyword = RuleCompiler.keyword(rule.action)
        guard ["accept", "reject", "set-var", "unset-var", "set-var-fmt", "capture"].contains(keyword) else { return nil }
        var condition: Predicate?
        if let written = rule.condition {
            switch acls.compile(written, context: &context) {
            case .predicate(let predicate): condition = predicate
            case .unsupported, .invalid: return nil
            }
        }
        let text = ([rule.hook, rule.action] + rule.arguments + (rule.condition.map { [$0.polarity.rawValue] + $0.terms } ?? []))
            .joined(separator: " ")
        let source = SourceRef(rule.range)
        switch keyword {
        case "capture":
            return capture(rule, stage: stage, slot: slots?.ruleSlots[rule.range], condition: condition, text: text,
                           source: source, context: &context)
        case "accept", "reject":
            guard rule.arguments.isEmpty else { return nil }
            return TCPRule(stage: stage, action: keyword == "accept" ? .accept : .reject, condition: condition, text: text,
                           source: source)
        default:
            switch VariableRuleCompiler.compile(rule, text: text, source: source) {
            case .success(let variable):
                let action: TCPRule.Action = switch variable.action {
                case .unsetVar: .unsetVar
                case .setVarFormat: .setVarFormat
                default: .setVar
                }
                var compiled = TCPRule(stage: stage, action: action, variable: variable.variable, expression: variable.expression,
                                       variableConditions: variable.variableConditions, condition: condition, text: text,
                                       source: source)
                compiled.format = variable.value
                return compiled
            case .failure(.invalid(let message)):
                context.error(PlannerMessage.ruleInvalid, message, at: rule.range)
                context.markHandled(rule.range)
                return nil
            case .failure:
                return nil
            }
        }
    }

    /// `tcp-request content capture SAMPLE len N`: the sample into a request slot of its own, with
    /// HAProxy's messages for the other stages and a missing length (src/tcp_rules.c).
    private func capture(_ rule: ActionRule, stage: TCPRule.Stage, slot: Int?, condition: Predicate?, text: String,
                         source: SourceRef, context: inout PlanningContext) -> TCPRule? {
        let words = rule.arguments
        guard stage == .content else {
            context.error(PlannerMessage.ruleInvalid, "'capture \(words.first ?? "")' is not allowed in '\(rule.hook)' rules in frontend '\(proxyName)'",
                          at: rule.range)
            context.markHandled(rule.range)
            return nil
        }
        guard words.count == 3, words[1] == "len", let length = Int(words[2]), length > 0, let slot else {
            context.error(PlannerMessage.ruleInvalid, "'\(rule.hook) capture' : a positive 'len' argument is mandatory", at: rule.range)
            context.markHandled(rule.range)
            return nil
        }
        guard let (fetch, _) = SampleExpressionParser.parse(words[0]) else { return nil }
        var compiled = TCPRule(stage: stage, action: .capture, expression: fetch, condition: condition, text: text, source: source)
        compiled.captureSlot = slot
        return compiled
    }
}
