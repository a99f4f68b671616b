import ConfigDiagnostics
import HAProxyConfig

/// TLS toward a server that verifies its certificate with no CA file to verify it against.
struct SSLCaFileMissing: HAProxyRule {
    static let description = RuleDescription(
        id: "ssl-ca-file-missing", severity: .error, domain: .haproxy,
        summary: "A server is verified over TLS but has no ca-file to verify it with.",
        rationale: """
            HAProxy 2.6 verifies server certificates by default (`ssl-server-verify required`), or when a server \
            says `verify required`. It needs the CA certificates to do so: without a `ca-file` on the server or \
            default-server line it reports an ALERT ("verify is enabled by default but no CA file specified") and \
            refuses to start. This applies to every server with `ssl` or `check-ssl`, including through \
            default-server.
            """,
        fix: "Add `ca-file FILE` (`ca-file @system-ca` for the system's store), or, only on a network you trust, `verify none`.",
        triggering: [
            .haproxy("""
                backend app
                    mode http
                    timeout connect 5s
                    timeout server 5s
                    server ↓a 192.0.2.10:443 ssl

                """),
        ],
        nonTriggering: [
            .haproxy("""
                backend app
                    mode http
                    timeout connect 5s
                    timeout server 5s
                    default-server ssl ca-file "${WEIR_CERTS}/valid.pem"
                    server a 192.0.2.10:443
                    server b 192.0.2.11:443 verify none

                """),
            .haproxy("""
                global
                    ssl-server-verify none
                backend app
                    mode http
                    timeout connect 5s
                    timeout server 5s
                    server a 192.0.2.10:443 ssl

                """),
        ])

    static func message(_ name: String) -> String {
        "server '\(name)' verifies its TLS certificate but has no ca-file"
    }

    func check(_ context: HAProxyCheckContext, _ findings: inout Findings) {
        let verifiesByDefault = context.globalValue("ssl-server-verify") != "none"
        context.forEachTLSServer { proxy, server in
            let verify = proxy.option("verify", of: server)?.value
            let verifies = verify == "required" || (verify == nil && verifiesByDefault)
            guard verifies, proxy.option("ca-file", of: server) == nil else { return }
            findings.report(Self.message(server.name), at: server.nameRange)
        }
    }
}
