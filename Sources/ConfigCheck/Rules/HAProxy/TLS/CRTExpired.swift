import ConfigDiagnostics
import Foundation
import HAProxyConfig

/// A `crt` file whose certificate has expired.
struct CRTExpired: HAProxyRule {
    static let description = RuleDescription(
        id: "crt-expired", severity: .warning, domain: .haproxy,
        summary: "A certificate has expired.",
        rationale: """
            HAProxy 2.6 loads an expired certificate without a word and starts, but every client that checks \
            certificates refuses the handshake. Weir reports it as a warning rather than an error because haproxy \
            accepts the configuration (test setups often serve old certificates on purpose); with --strict it \
            fails the run.
            """,
        fix: "Renew the certificate and reload haproxy.",
        triggering: [
            .haproxy("""
                frontend web
                    mode http
                    bind :443 ssl crt ↓"${WEIR_CERTS}/expired.pem"
                    timeout client 5s
                    default_backend app
                backend app
                    mode http
                    timeout connect 5s
                    timeout server 5s
                    server a 127.0.0.1:8080

                """),
        ],
        nonTriggering: [
            .haproxy("""
                frontend web
                    mode http
                    bind :443 ssl crt "${WEIR_CERTS}/valid.pem"
                    timeout client 5s
                    default_backend app
                backend app
                    mode http
                    timeout connect 5s
                    timeout server 5s
                    server a 127.0.0.1:8080

                """),
        ])

    static func message(_ path: String, expiry: Date) -> String {
        "the certificate in '\(path)' expired on \(CRTExpiring.format(expiry))"
    }

    func check(_ context: HAProxyCheckContext, _ findings: inout Findings) {
        for (reference, file) in context.certificateFiles {
            guard let expiry = file.bundle?.certificate?.notValidAfter, expiry <= context.environment.now else { continue }
            findings.report(Self.message(file.path, expiry: expiry), at: reference.range)
        }
    }
}
