import HAProxyConfig
import RuntimePlan

/// Finds `http-request use-service prometheus-exporter [if|unless COND]` in a
/// section (the first such rule) and compiles its condition.
struct PrometheusExporterCompiler {
    let proxy: Proxy
    let acls: ACLTable

    func compile(context: inout PlanningContext) -> PrometheusExporterPlan? {
        guard let rule = proxy.rules.first(where: { $0.hook == "http-request" && $0.action == "use-service"
            && $0.arguments.first == "prometheus-exporter" }) else { return nil }
        guard let written = rule.condition else {
            context.markHandled(rule.range)
            return PrometheusExporterPlan()
        }
        switch acls.compile(written, context: &context) {
        case .predicate(let predicate):
            context.markHandled(rule.range)
            return PrometheusExporterPlan(condition: predicate)
        case .unsupported, .invalid:
            return nil
        }
    }
}
