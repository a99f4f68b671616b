/// A curve list the engine's TLS library cannot set.
struct SSLCurvesUnknown: SyntaxRule {
    static let description = RuleDescription(
        id: "ssl-curves-unknown", severity: .error, domain: .plan,
        summary: "A `curves` (or `ecdhe`) list names a curve the engine's TLS library does not have.",
        rationale: """
            HAProxy hands `curves` to OpenSSL and refuses the configuration when OpenSSL does not know a name \
            (`unable to set SSL curves list`). The engine's TLS library is BoringSSL, which knows X25519, P-256, \
            P-384 and P-521; a name outside them (or one haproxy's OpenSSL knows and BoringSSL does not) cannot \
            be set, so the plan refuses it where haproxy would or where the engine could not honour it.
            """,
        fix: "Use names the library has: `curves X25519:P-256`.",
        triggering: [
            .haproxy("""
                defaults
                    mode http
                    timeout connect 5s
                    timeout client 30s
                    timeout server 30s
                frontend web
                    bind :443 ssl crt "${WEIR_CERTS}/valid.pem" ↓curves X25519:brainpool512r1
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
                    bind :443 ssl crt "${WEIR_CERTS}/valid.pem" curves X25519:P-256
                    default_backend app
                backend app
                    server a 127.0.0.1:8080

                """),
        ])
}
