import ConfigDiagnostics
import HAProxyConfig

/// An HTTP rule that lacks what its action needs.
struct HTTPRequestInvalid: HAProxyRule {
    static let description = RuleDescription(
        id: "http-request-invalid", severity: .error, domain: .haproxy,
        summary: "An `http-request` or `http-response` rule lacks what its action needs (a redirect without `location`, `prefix` or `scheme`).",
        rationale: """
            A `redirect` action says how to build the new address: `location URL`, `prefix PATH` or `scheme NAME`. \
            Without one, HAProxy refuses the rule (\"redirection type expected\"). `weir compile` also reports \
            under this id the rules its planner cannot turn into an action.
            """,
        fix: "Add the redirect's type and target, e.g. `redirect scheme https` or `redirect location /new`.",
        triggering: [
            .haproxy("""
                defaults
                    mode http
                    timeout connect 5s
                    timeout client 30s
                    timeout server 30s
                frontend web
                    bind 127.0.0.1:8080
                    http-request ↓redirect code 301 if { path /old }
                    default_backend app
                backend app
                    server a 127.0.0.1:9000

                """),
        ],
        nonTriggering: [
            .haproxy("""
                defaults
                    mode http
                    timeout connect 5s
                    timeout client 30s
                    timeout server 30s
                frontend web
                    bind 127.0.0.1:8080
                    http-request redirect code 301 location /new if { path /old }
                    http-request redirect scheme https unless { ssl_fc }
                    default_backend app
                backend app
                    server a 127.0.0.1:9000

                """),
        ])

    static let redirectTypes: Set<String> = ["location", "prefix", "scheme"]

    func check(_ context: HAProxyCheckContext, _ findings: inout Findings) {
        for proxy in context.configuration.proxies {
            for rule in proxy.rules where rule.hook.hasPrefix("http-") && rule.action == "redirect"
                && !rule.arguments.contains(where: Self.redirectTypes.contains) {
                findings.report("a redirect needs its type: 'location', 'prefix' or 'scheme'", at: rule.actionRange)
            }
        }
    }
}
