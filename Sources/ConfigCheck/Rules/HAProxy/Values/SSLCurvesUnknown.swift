import HAProxyConfig

/// A curve list naming a curve OpenSSL does not have.
struct SSLCurvesUnknown: HAProxyRule {
    static let description = RuleDescription(
        id: "ssl-curves-unknown", severity: .error, domain: .haproxy,
        summary: "A `curves` list (or an `ecdhe` curve) names a curve OpenSSL does not have.",
        rationale: """
            HAProxy hands `curves` and `ecdhe` to OpenSSL and refuses the configuration when OpenSSL does not know \
            a name (`unable to set SSL curves list`). OpenSSL 3.0 compares names by case (`P-256`, not `p-256`; \
            only `x25519`/`X25519` and `x448`/`X448` go both ways), and an empty name (`X25519:`) is refused \
            too. A curve OpenSSL has but the engine's TLS library (BoringSSL: X25519, P-256, P-384, P-521) has \
            not is no error: `weir compile` lists it as `tls-not-run` and the engine offers the curves it has.
            """,
        fix: "Use OpenSSL's names: `curves X25519:P-256`.",
        triggering: [
            .haproxy("""
                defaults
                    mode http
                    timeout connect 5s
                    timeout client 30s
                    timeout server 30s
                frontend web
                    bind :443 ssl crt "${WEIR_CERTS}/valid.pem" ↓curves X25519:p-256
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

    func check(_ context: HAProxyCheckContext, _ findings: inout Findings) {
        for proxy in context.configuration.proxies {
            for bind in proxy.binds {
                for case let diagnostic? in bind.options.map(SemanticFindings.curves) {
                    findings.report(diagnostic.message, at: diagnostic.range)
                }
            }
        }
    }
}
