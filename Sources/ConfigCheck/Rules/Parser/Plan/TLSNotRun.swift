/// A TLS option that the engine reads but cannot run.
struct TLSNotRun: SyntaxRule {
    static let description = RuleDescription(
        id: "tls-not-run", severity: .warning, domain: .plan,
        summary: "A TLS option is read but not run by the engine.",
        rationale: """
            The engine terminates and originates TLS with swift-nio-ssl, which cannot express every HAProxy \
            option: `ciphersuites` (BoringSSL fixes the TLS 1.3 suites), `no-tls-tickets` (no setting for \
            tickets), `allow-0rtt`, `ca-ignore-err`, `crt-ignore-err`, `no-ca-names`, `npn`, `ca-verify-file`, \
            server `sni` expressions other than `str(NAME)`, `check-alpn`. The configuration still runs, without \
            that option: the warning names it and the plan lists it under `unsupported`, so nothing is silently \
            ignored.
            """,
        fix: "Run this configuration with HAProxy where the option matters, or remove it.",
        triggering: [
            .haproxy("""
                defaults
                    mode http
                    timeout connect 5s
                    timeout client 30s
                    timeout server 30s
                frontend web
                    bind :443 ssl crt "${WEIR_CERTS}/valid.pem" ↓no-tls-tickets
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
                    bind :443 ssl crt "${WEIR_CERTS}/valid.pem" ssl-min-ver TLSv1.2
                    default_backend app
                backend app
                    server a 127.0.0.1:8080

                """),
        ])
}
