import ConfigDiagnostics
import HAProxyConfig

/// A `bind … ssl` line with no certificate.
struct BindSSLWithoutCertificate: HAProxyRule {
    static let description = RuleDescription(
        id: "bind-ssl-without-certificate", severity: .error, domain: .haproxy,
        summary: "A `bind` line terminates TLS (`ssl`) but names no certificate (`crt` or `crt-list`).",
        rationale: """
            A listener with `ssl` needs at least one certificate to present to clients. HAProxy refuses the \
            configuration (\"no SSL certificate specified for bind\"); it does not fall back to another \
            listener's certificate.
            """,
        fix: "Add `crt /path/to/cert.pem` (certificate and key in one PEM file, or a directory of them) or `crt-list FILE`.",
        triggering: [
            .haproxy("""
                defaults
                    mode http
                    timeout connect 5s
                    timeout client 30s
                    timeout server 30s
                frontend https_in
                    ↓bind :443 ssl alpn h2,http/1.1
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
                frontend https_in
                    bind :443 ssl crt "${WEIR_CERTS}/valid.pem" alpn h2,http/1.1
                    bind :8443 ssl crt-list "${WEIR_CERTS}/good.crt-list"
                    bind :80
                    default_backend app
                backend app
                    server a 127.0.0.1:8080

                """),
        ])

    static let message = "this listener has 'ssl' but no certificate: HAProxy refuses a TLS bind without 'crt' or 'crt-list'"

    func check(_ context: HAProxyCheckContext, _ findings: inout Findings) {
        guard context.vocabulary.uses(option: "ssl") else { return }
        for proxy in context.configuration.proxies {
            for bind in proxy.binds where bind.isTLS && !bind.options.contains(where: { $0.name == "crt" || $0.name == "crt-list" }) {
                findings.report(Self.message, at: bind.range)
            }
        }
    }
}
