import ConfigDiagnostics
import ConfigGrammar
import HAProxyConfig

/// A `default_backend` or `use_backend` naming no backend.
struct BackendUndefined: HAProxyRule {
    static let description = RuleDescription(
        id: "backend-undefined", severity: .error, domain: .haproxy,
        summary: "A default_backend or use_backend line names a backend that does not exist.",
        rationale: """
            HAProxy resolves every default_backend and static use_backend name to a backend or listen section \
            when it starts, and refuses the configuration when one is missing ("unable to find required \
            default_backend", an ALERT of haproxy -c). A name built from a log-format expression (%[...]) is \
            resolved per request and is not checked.
            """,
        fix: "Define the backend, or correct the name.",
        triggering: [
            .haproxy("""
                frontend web
                    mode http
                    bind :80
                    timeout client 30s
                    use_backend ↓static if { path_beg /static/ }
                    default_backend ↓web_servers
                backend app
                    mode http
                    timeout connect 5s
                    timeout server 30s
                    server a 127.0.0.1:8080

                """),
        ],
        nonTriggering: [
            .haproxy("""
                frontend web
                    mode http
                    bind :80
                    timeout client 30s
                    use_backend be_%[req.hdr(host),lower] if { req.hdr(host) -m found }
                    default_backend app
                backend app
                    mode http
                    timeout connect 5s
                    timeout server 30s
                    server a 127.0.0.1:8080

                """),
        ])

    static func message(_ keyword: String, _ name: String) -> String { "\(keyword) names no backend '\(name)'" }

    func check(_ context: HAProxyCheckContext, _ findings: inout Findings) {
        let names = context.backends.compactMap(\.proxy.name)
        for proxy in context.frontends {
            for target in BackendTarget.all(of: proxy) where context.backend(named: target.name) == nil {
                var fixIts: [FixIt] = []
                if let suggestion = Suggestion.closest(to: target.name, in: names) {
                    fixIts.append(FixIt(message: "did you mean '\(suggestion)'?", range: target.range, replacement: suggestion))
                }
                findings.report(Self.message(target.keyword, target.name), at: target.range, fixIts: fixIts)
            }
        }
    }
}
