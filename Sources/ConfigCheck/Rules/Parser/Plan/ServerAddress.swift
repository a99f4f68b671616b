/// A server address the engine cannot connect to.
struct ServerAddress: SyntaxRule {
    static let description = RuleDescription(
        id: "server-address", severity: .error, domain: .plan,
        summary: "A server address the engine cannot connect to.",
        rationale: """
            weir's engine connects to servers over TCP at a host and a fixed port. HAProxy also accepts UNIX sockets, abstract \
            namespaces and port offsets (the client's port shifted), which the engine does not run; such a configuration \
            checks and converts, but does not compile to a plan.
            """,
        fix: "Give the server a host and a port, or run this configuration with HAProxy.",
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
                    ↓server a unix@/run/app.sock

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
                    server a 127.0.0.1:9000

                """),
        ])
}
