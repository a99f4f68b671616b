import ConfigDiagnostics
import HAProxyConfig

/// A `crt` file whose private key is neither in the file nor in `NAME.key`.
struct CRTKeyMissing: HAProxyRule {
    static let description = RuleDescription(
        id: "crt-key-missing", severity: .error, domain: .haproxy,
        summary: "A certificate's private key is neither in its crt file nor in the .key file beside it.",
        rationale: """
            HAProxy takes the private key from the certificate's PEM file, or else from the file of the same name \
            with `.key` appended (`site.pem.key`; with `ssl-load-extra-del-ext`, `site.key`). Without \
            either it reports an ALERT ("No Private Key found") and refuses to start.
            """,
        fix: "Append the private key to the PEM file, or put it in NAME.key beside it.",
        triggering: [
            .haproxy("""
                frontend web
                    mode http
                    bind :443 ssl crt ↓"${WEIR_CERTS}/certonly.pem"
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
            .haproxy("""
                frontend web
                    mode http
                    bind :443 ssl crt "${WEIR_CERTS}/split.pem"
                    timeout client 5s
                    default_backend app
                backend app
                    mode http
                    timeout connect 5s
                    timeout server 5s
                    server a 127.0.0.1:8080

                """),
        ])

    static func message(_ path: String, keyPath: String?) -> String {
        guard let keyPath else { return "no private key in '\(path)'" }
        return "no private key in '\(path)' nor in '\(keyPath)'"
    }

    func check(_ context: HAProxyCheckContext, _ findings: inout Findings) {
        for (reference, file) in context.certificateFiles {
            guard let bundle = file.bundle, bundle.hasCertificate, file.keyBundle == nil else { continue }
            findings.report(Self.message(file.path, keyPath: file.keyPath), at: reference.range)
        }
    }
}
