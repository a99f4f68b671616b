import ConfigDiagnostics
import HAProxyConfig

/// Cookie persistence configured in a proxy that is not in http mode.
struct CookieWithoutHTTPMode: HAProxyRule {
    static let description = RuleDescription(
        id: "cookie-without-http-mode", severity: .warning, domain: .haproxy,
        summary: "A `cookie` line or a server's `cookie` value is set in a proxy that is not in http mode.",
        rationale: """
            Cookie persistence reads and writes HTTP headers, so it only works in `mode http`. In tcp mode, the \
            default when no mode is set, HAProxy ignores the backend's `cookie` line and every server's `cookie` \
            value and prints a WARNING for each ("cookie will be ignored for backend ... (needs 'mode http')", \
            "ignoring cookie for server ... as HTTP mode is disabled"): clients are balanced as if there were no \
            persistence at all.
            """,
        fix: "Add `mode http` to the backend (or its defaults), or use a stick table on the source address for tcp traffic.",
        triggering: [
            .haproxy("""
                backend app
                    timeout connect 5s
                    timeout server 30s
                    ↓cookie SERVERID insert indirect nocache
                    server a1 10.0.0.1:8080 check ↓cookie a1
                    server a2 10.0.0.2:8080 check ↓cookie a2

                """),
        ],
        nonTriggering: [
            .haproxy("""
                backend app
                    mode http
                    timeout connect 5s
                    timeout server 30s
                    cookie SERVERID insert indirect nocache
                    server a1 10.0.0.1:8080 check cookie a1
                    server a2 10.0.0.2:8080 check cookie a2

                """),
        ])

    static func proxyMessage(_ proxy: EffectiveProxy) -> String {
        "cookie is ignored in \(proxy.proxy.kind.rawValue) '\(proxy.name)': it needs 'mode http'"
    }

    static func serverMessage(_ server: Server) -> String {
        "the cookie of server '\(server.name)' is ignored: its backend is not in http mode"
    }

    func check(_ context: HAProxyCheckContext, _ findings: inout Findings) {
        for proxy in context.backends where proxy.mode == .tcp {
            if let line = proxy.directive("cookie"), line.modifier == nil {
                findings.report(Self.proxyMessage(proxy), at: line.range)
            }
            for server in proxy.proxy.servers {
                if let cookie = server.option("cookie") { findings.report(Self.serverMessage(server), at: cookie.range) }
            }
        }
    }
}
