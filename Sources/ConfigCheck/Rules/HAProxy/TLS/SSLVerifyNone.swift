import ConfigDiagnostics
import HAProxyConfig

/// TLS toward a server without verifying its certificate.
struct SSLVerifyNone: HAProxyRule {
    static let description = RuleDescription(
        id: "ssl-verify-none", severity: .warning, domain: .haproxy,
        summary: "TLS toward a server does not verify the server's certificate.",
        rationale: """
            With `verify none` on a server (or default-server) line, or `ssl-server-verify none` in global, \
            haproxy encrypts the connection but accepts any certificate, so anyone on the path can impersonate \
            the server. HAProxy 2.6 verifies by default and refuses to start when it has no CA file to verify \
            with (see ssl-ca-file-missing), which is why `verify none` is so often added to make the error go \
            away.
            """,
        fix: "Verify with `verify required ca-file FILE` (and `sni`/`verifyhost` for the name).",
        triggering: [
            .haproxy("""
                backend app
                    mode http
                    timeout connect 5s
                    timeout server 5s
                    server a 192.0.2.10:443 ssl ↓verify none

                """),
            .haproxy("""
                global
                    ↓ssl-server-verify none
                backend app
                    mode http
                    timeout connect 5s
                    timeout server 5s
                    server a 192.0.2.10:443 ssl

                """),
        ],
        nonTriggering: [
            .haproxy("""
                backend app
                    mode http
                    timeout connect 5s
                    timeout server 5s
                    server a 192.0.2.10:443 ssl verify required ca-file "${WEIR_CERTS}/valid.pem"
                    server b 192.0.2.11:80 verify none

                """),
        ])

    static let message = "the server's certificate is not verified (verify none)"
    static let globalMessage = "servers' certificates are not verified by default (ssl-server-verify none)"

    func check(_ context: HAProxyCheckContext, _ findings: inout Findings) {
        var anyTLS = false
        context.forEachTLSServer { proxy, server in
            anyTLS = true
            if let verify = proxy.option("verify", of: server), verify.value == "none" {
                findings.report(Self.message, at: verify.range)
            }
        }
        let global = context.configuration.global?.directives.last { $0.keyword == "ssl-server-verify" }
        if anyTLS, let global, global.arguments.first == "none" {
            findings.report(Self.globalMessage, at: global.range)
        }
    }
}
