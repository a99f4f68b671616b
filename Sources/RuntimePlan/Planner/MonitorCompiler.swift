import HAProxyConfig
import RuntimePlan

/// Compiles `monitor-uri` (the last one wins) and `monitor fail if|unless
/// COND` of an HTTP frontend into a `MonitorPlan`.
struct MonitorCompiler {
    let proxy: Proxy
    let acls: ACLTable

    func compile(context: inout PlanningContext) -> MonitorPlan? {
        guard let uriLine = proxy.directives("monitor-uri").last, let uri = uriLine.arguments.first else { return nil }
        for line in proxy.directives("monitor-uri") { context.markHandled(line.range) }
        var monitor = MonitorPlan(uri: uri)
        for line in proxy.directives("monitor fail") {
            let words = line.arguments
            guard words.count > 1, let polarity = Condition.Polarity(rawValue: words[0]) else { continue }
            let condition = Condition(polarity: polarity, words: Array(words.dropFirst()),
                                      wordRanges: Array(line.argumentRanges.dropFirst()), range: line.range)
            switch acls.compile(condition, context: &context) {
            case .predicate(let predicate):
                monitor.failConditions.append(predicate)
                context.markHandled(line.range)
            case .unsupported(let reason):
                context.unsupported(line, proxy: proxy.name, feature: RuleCompiler.feature(reason))
                context.markHandled(line.range)
            case .invalid:
                context.markHandled(line.range)
            }
        }
        return monitor
    }
}
