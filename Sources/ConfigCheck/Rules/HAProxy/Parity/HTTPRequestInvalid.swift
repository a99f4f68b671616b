import ConfigDiagnostics
import HAProxyConfig

/// An HTTP rule that lacks what its action needs.
struct HTTPRequestInvalid: HAProxyRule {
    static let description = RuleDescription(
        id: "http-request-invalid", severity: .error, domain: .haproxy,
        summary: "An `http-request` or `http-response` rule, or a `redirect` line, lacks what its action needs (a redirect without `location`, `prefix` or `scheme`).",
        rationale: """
            A `redirect` action says how to build the new address: `location URL`, `prefix PATH` or `scheme NAME`. \
            Without one, HAProxy refuses the rule (\"redirection type expected\"). The words of a redirect may come \
            in any order (`redirect code 301 prefix / drop-query`), as HAProxy's parser takes them; only the type \
            is required. `weir compile` also reports \
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
                    ↓redirect code 302 drop-query if { path /older }
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
                    redirect code 301 prefix / drop-query append-slash if { path_beg /legacy }
                    default_backend app
                backend app
                    server a 127.0.0.1:9000

                """),
        ])

    static let redirectTypes: Set<String> = ["location", "prefix", "scheme"]
    static let typeMissing = "a redirect needs its type: 'location', 'prefix' or 'scheme'"

    func check(_ context: HAProxyCheckContext, _ findings: inout Findings) {
        for proxy in context.configuration.proxies {
            for rule in proxy.rules where rule.hook.hasPrefix("http-") && rule.action == "redirect"
                && !rule.arguments.contains(where: Self.redirectTypes.contains) {
                findings.report(Self.typeMissing, at: rule.actionRange)
            }
            for line in proxy.directives where line.keyword == "redirect" {
                let words = line.arguments.prefix { $0 != "if" && $0 != "unless" }
                guard !words.contains(where: Self.redirectTypes.contains) else { continue }
                let start = line.range.start
                let end = SourceLocation(offset: start.offset + 8, line: start.line, column: start.column + 8)
                findings.report(Self.typeMissing, at: line.range.with(start: start, end: end))
            }
        }
    }
}
