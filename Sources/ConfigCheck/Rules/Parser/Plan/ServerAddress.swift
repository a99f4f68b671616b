/// A server address the engine cannot connect to.
struct ServerAddress: SyntaxRule {
    static let description = RuleDescription(
        id: "server-address", severity: .error, domain: .plan,
        summary: "A server address the engine cannot connect to.",
        rationale: """
            weir's engine connects to servers at a host and a port (or the client's port, shifted by an offset), Unix \
            sockets and abstract names. HAProxy also connects over a socket pair (`sockpair@N`), which the engine does not; \
            such a configuration checks and converts, but does not compile to a plan.
            """,
        fix: "Give the server an address or a Unix socket, or run this configuration with HAProxy.",
        triggering: [
            .haproxy("""
                defaults
                    mode http
                    timeout connect 5s
                    timeout client 30s
                    timeout server 30s
                frontend web
                    bind 127.0.0.1:8080
                    default_backend app
                backend app
                    ↓server a sockpair@4

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
                    default_backend app
                backend app
                    server a unix@/run/app.sock

                """),
        ])
}
