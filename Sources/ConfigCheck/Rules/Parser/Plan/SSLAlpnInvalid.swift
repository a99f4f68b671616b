/// An `alpn` list the engine's TLS library cannot take.
struct SSLAlpnInvalid: SyntaxRule {
    static let description = RuleDescription(
        id: "ssl-alpn-invalid", severity: .error, domain: .plan,
        summary: "An `alpn` list holds a protocol name the engine's TLS library refuses.",
        rationale: """
            Each name of a bind's or server's `alpn` list is sent in the TLS handshake, and the engine's TLS \
            library (BoringSSL through swift-nio-ssl) stops on a name that is empty, longer than 255 bytes or \
            not printable ASCII. Such a list comes from a stray comma (`h2,,http/1.1`) more often than on \
            purpose; the plan refuses it instead of letting the library fail at the first connection.
            """,
        fix: "Remove the empty entry or correct the name: `alpn h2,http/1.1`.",
        triggering: [
            .haproxy("""
                defaults
                    mode http
                    timeout connect 5s
                    timeout client 30s
                    timeout server 30s
                frontend web
                    bind :443 ssl crt "${WEIR_CERTS}/valid.pem" ↓alpn h2,,http/1.1
                    default_backend app
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
                    bind :443 ssl crt "${WEIR_CERTS}/valid.pem" alpn h2,http/1.1
                    default_backend app
                backend app
                    server a 127.0.0.1:8080

                """),
        ])
}
