extension RequestRouter {
    /// What `tcp-request` rules decided.
    public struct TCPVerdict: Sendable, Hashable {
        public var accepted: Bool
        /// The facts with what `set-var`/`unset-var` changed.
        public var facts: RequestFacts
    }

    /// Runs a frontend's `tcp-request` rules of the given stages in order: the first
    /// `accept` or `reject` that applies ends them; none accepts.
    public func tcpVerdict(_ frontend: FrontendPlan, stages: Set<TCPRule.Stage>, _ facts: RequestFacts) -> TCPVerdict {
        var facts = facts
        facts.frontendName = frontend.name
        for stage in [TCPRule.Stage.connection, .session, .content] where stages.contains(stage) {
            for rule in frontend.tcpRequestRules where rule.stage == stage {
                guard rule.condition.map({ evaluator.evaluate($0, facts) }) ?? true else { continue }
                switch rule.action {
                case .accept: break
                case .reject: return TCPVerdict(accepted: false, facts: facts)
                case .capture:
                    if let slot = rule.captureSlot, let value = rule.expression?.value(facts) {
                        facts.requestCaptures.store(value.stringValue, at: slot)
                    }
                    continue
                case .setVar, .unsetVar, .setVarFormat:
                    let action: HTTPRequestRule.Action = switch rule.action {
                    case .unsetVar: .unsetVar
                    case .setVarFormat: .setVarFormat
                    default: .setVar
                    }
                    let variable = HTTPRequestRule(action: action, value: rule.format, variable: rule.variable,
                                                   expression: rule.expression, variableConditions: rule.variableConditions,
                                                   text: rule.text, source: rule.source)
                    RuleActions.setVariable(variable, &facts)
                    continue
                }
                break
            }
        }
        return TCPVerdict(accepted: true, facts: facts)
    }
}
