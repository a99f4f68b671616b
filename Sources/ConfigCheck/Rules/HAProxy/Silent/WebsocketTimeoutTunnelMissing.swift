import ConfigDiagnostics
import HAProxyConfig

/// A WebSocket route to a backend without `timeout tunnel`.
struct WebsocketTimeoutTunnelMissing: HAProxyRule {
    static let description = RuleDescription(
        id: "websocket-timeout-tunnel-missing", severity: .warning, domain: .haproxy,
        summary: "WebSocket requests are routed to a backend that has no `timeout tunnel`.",
        rationale: """
            Once a request is upgraded (`101 Switching Protocols`), HAProxy relays the connection as a tunnel \
            and closes it after `timeout tunnel` of silence in both directions. Without `timeout tunnel` (in the \
            backend or its defaults) the client and server timeouts apply instead, typically 30 seconds, so idle \
            WebSocket connections are cut and clients reconnect over and over. A route counts as a WebSocket \
            route when its `use_backend` condition tests the `Upgrade` header for `websocket` or the \
            `Connection` header for `upgrade`. HAProxy accepts it silently. `option http-server-close` in such a \
            backend is the subject of `websocket-http-server-close`.
            """,
        fix: "Add `timeout tunnel 1h` (or the longest idle time the application allows) to the backend.",
        triggering: [
            .haproxy("""
                defaults
                    mode http
                    timeout connect 5s
                    timeout client 30s
                    timeout server 30s
                frontend web
                    bind :80
                    acl is_ws hdr(Upgrade) -i WebSocket
                    use_backend ↓ws if is_ws
                    default_backend app
                backend ws
                    server w 127.0.0.1:3000
                backend app
                    server a 127.0.0.1:8080

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
                    bind :80
                    use_backend ws if { hdr_beg(Connection) -i upgrade } { hdr(Upgrade) -i websocket }
                    default_backend app
                backend ws
                    timeout tunnel 1h
                    server w 127.0.0.1:3000
                backend app
                    server a 127.0.0.1:8080

                """),
        ])

    static func message(_ backend: String, _ fallback: Duration?) -> String {
        let after = fallback.map { "after \($0) idle (client/server timeout)" } ?? "by the client and server timeouts"
        return "WebSocket connections routed to '\(backend)' are closed \(after): the backend has no 'timeout tunnel'"
    }

    func check(_ context: HAProxyCheckContext, _ findings: inout Findings) {
        for route in WebSocketRoute.all(in: context) where route.backend.timeout("tunnel") == nil {
            let fallback = [route.backend.timeout("server"), route.frontend.timeout("client")].compactMap { $0 }.min()
            findings.report(Self.message(route.rule.backend, fallback), at: route.rule.backendRange,
                            notes: [DiagnosticNote(message: "backend '\(route.rule.backend)' is declared here",
                                                   range: route.backend.proxy.nameRange)])
        }
    }
}
