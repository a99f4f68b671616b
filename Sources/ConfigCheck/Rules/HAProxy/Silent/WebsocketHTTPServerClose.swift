import ConfigDiagnostics
import HAProxyConfig

/// `option http-server-close` written in a backend that WebSocket upgrades are routed to.
struct WebsocketHTTPServerClose: HAProxyRule {
    static let description = RuleDescription(
        id: "websocket-http-server-close", severity: .note, domain: .haproxy,
        summary: "A backend that WebSocket upgrades are routed to sets `option http-server-close`.",
        rationale: """
            Advice written for older HAProxy versions says to avoid `option http-server-close` in WebSocket \
            pools because it would close the tunnel. HAProxy 2.6 keeps the request's `Connection: upgrade` as \
            it is and turns both connections into a tunnel when the server answers `101 Switching Protocols`, \
            so the option changes nothing for an upgraded connection: it only closes the server connection \
            after every request that is not upgraded. In a backend that exists for WebSocket traffic the line \
            is dead weight that readers take for a tunnel setting; `timeout tunnel` is what governs idle \
            WebSocket connections. Reported as a note, and only where the backend itself sets the option (not \
            when it comes from a defaults section, where it is meant for the HTTP backends). A route counts as \
            a WebSocket route as for `websocket-timeout-tunnel-missing`.
            """,
        fix: "Remove `option http-server-close` from the backend and rely on `timeout tunnel` for upgraded connections.",
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
                    use_backend ws if is_ws
                    default_backend app
                backend ws
                    ↓option http-server-close
                    timeout tunnel 1h
                    server w 127.0.0.1:3000
                backend app
                    server a 127.0.0.1:8080

                """),
        ],
        nonTriggering: [
            .haproxy("""
                defaults
                    mode http
                    option http-server-close
                    timeout connect 5s
                    timeout client 30s
                    timeout server 30s
                frontend web
                    bind :80
                    acl is_ws hdr(Upgrade) -i WebSocket
                    use_backend ws if is_ws
                    default_backend app
                backend ws
                    timeout tunnel 1h
                    server w 127.0.0.1:3000
                backend app
                    option http-server-close
                    server a 127.0.0.1:8080

                """),
        ])

    static func message(_ backend: String) -> String {
        "'option http-server-close' in WebSocket backend '\(backend)' does nothing for upgraded connections: "
            + "HAProxy relays them as a tunnel after the 101 response"
    }

    func check(_ context: HAProxyCheckContext, _ findings: inout Findings) {
        var reported: Set<SourceRange> = []
        for route in WebSocketRoute.all(in: context) {
            let backend = route.backend.proxy
            guard backend.options["http-server-close"] == true,
                  let line = backend.directives.last(where: { $0.keyword == "option http-server-close" }),
                  reported.insert(line.range).inserted else { continue }
            findings.report(Self.message(route.rule.backend), at: line.range,
                            notes: [DiagnosticNote(message: "WebSocket upgrades are routed here",
                                                   range: route.rule.backendRange)])
        }
    }
}
