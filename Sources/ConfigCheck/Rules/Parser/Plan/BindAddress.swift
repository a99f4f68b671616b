/// A bind address the engine cannot listen on.
struct BindAddress: SyntaxRule {
    static let description = RuleDescription(
        id: "bind-address", severity: .error, domain: .plan,
        summary: "A bind address the engine cannot listen on.",
        rationale: """
            weir's engine listens on IPv4 and IPv6 addresses with a port (or a port range), Unix sockets (`unix@`, paths), \
            abstract names (`abns@`) and inherited descriptors (`fd@N`). HAProxy also waits for connections passed over a \
            socket pair (`sockpair@N`), which the engine does not; such a configuration checks and converts, but does not \
            compile to a plan.
            """,
        fix: "Bind an address, a Unix socket or an inherited descriptor, or run this configuration with HAProxy.",
        triggering: [
            .haproxy("""
                defaults
                    mode http
                    timeout connect 5s
                    timeout client 30s
                    timeout server 30s
                frontend web
                    ↓bind sockpair@3
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
                    bind unix@/run/weir-example.sock mode 600
                    default_backend app
                backend app
                    server a 127.0.0.1:9000

                """),
        ])
}
