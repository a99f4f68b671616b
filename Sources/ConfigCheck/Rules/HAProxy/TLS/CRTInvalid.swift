import ConfigDiagnostics
import HAProxyConfig

/// A `crt` file that holds no PEM certificate.
struct CRTInvalid: HAProxyRule {
    static let description = RuleDescription(
        id: "crt-invalid", severity: .error, domain: .haproxy,
        summary: "A crt file holds no PEM certificate.",
        rationale: """
            HAProxy expects a PEM file with the certificate (then its chain, and usually the private key). A file \
            without a `BEGIN CERTIFICATE` block, such as a key alone, a DER file or a file left empty by a failed \
            renewal, is an ALERT and haproxy refuses to start.
            """,
        fix: "Point crt at the PEM certificate, or concatenate certificate, chain and key into one file.",
        triggering: [
            .haproxy("""
                frontend web
                    mode http
                    bind :443 ssl crt ↓"${WEIR_CERTS}/key.pem"
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

    static func message(_ path: String) -> String { "no PEM certificate in '\(path)'" }

    func check(_ context: HAProxyCheckContext, _ findings: inout Findings) {
        for (reference, file) in context.certificateFiles {
            if let bundle = file.bundle, !bundle.hasCertificate {
                findings.report(Self.message(file.path), at: reference.range)
            }
        }
    }
}
