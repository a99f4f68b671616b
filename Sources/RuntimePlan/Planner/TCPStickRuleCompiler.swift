import HAProxyConfig
import RuntimePlan

/// Compiles the stick-counter actions of `tcp-request` rules (the other
/// `tcp-request` actions are not the stick tables' and stay unsupported):
/// `connection` and `session` rules run once per connection; `content`
/// rules of an HTTP proxy run for each request before its `http-request`
/// rules, as HAProxy evaluates them per stream.
struct TCPStickRuleCompiler {
    let acls: ACLTable
    let proxyName: String
    let mode: ProxyMode

    /// The connection-level rules and the per-request ones (in `http-request` rule form).
    struct Compiled {
        var connection: [ConnectionStickRule] = []
        var stream: [HTTPRequestRule] = []
    }

    static let hooks: Set<String> = ["tcp-request connection", "tcp-request session", "tcp-request content"]

    func compile(_ rules: [ActionRule], context: inout PlanningContext) -> Compiled {
        var result = Compiled()
        for rule in rules where Self.hooks.contains(rule.hook) && StickCounterParser.isAction(rule.action) {
            var condition: Predicate?
            if let written = rule.condition {
                guard case .predicate(let predicate) = acls.compile(written, context: &context) else { continue }
                condition = predicate
            }
            guard case .success(let action) = StickCounterParser.action(rule.action, rule.arguments, proxy: proxyName) else {
                continue
            }
            context.markHandled(rule.range)
            let text = ([rule.hook, rule.action] + rule.arguments + (rule.condition.map { [$0.polarity.rawValue] + $0.terms } ?? []))
                .joined(separator: " ")
            let source = SourceRef(rule.range)
            if rule.hook == "tcp-request content", mode == .http {
                var compiled = HTTPRequestRule(action: .stickCounter, condition: condition, text: text, source: source)
                compiled.stickCounter = action
                result.stream.append(compiled)
            } else {
                result.connection.append(ConnectionStickRule(action: action, condition: condition, text: text, source: source))
            }
        }
        return result
    }
}
