import ConfigDiagnostics
import HAProxyConfig

/// A `crt` file whose private key does not belong to its certificate.
struct CRTKeyMismatch: HAProxyRule {
    static let description = RuleDescription(
        id: "crt-key-mismatch", severity: .error, domain: .haproxy,
        summary: "A certificate's private key does not match its public key.",
        rationale: """
            A renewed certificate pasted next to the old key, or a key taken from the wrong file, cannot sign the \
            handshake. HAProxy compares them while loading and reports an ALERT ("inconsistencies between private \
            key and certificate loaded"); haproxy refuses to start. Weir compares the public keys of RSA (2048 bits \
            and more), ECDSA and Ed25519 keys and skips keys it cannot read, such as encrypted ones.
            """,
        fix: "Put the key that the certificate was issued for beside it.",
        triggering: [
            .haproxy("""
                frontend web
                    mode http
                    bind :443 ssl crt ↓"${WEIR_CERTS}/mismatch.pem"
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

    static func message(_ path: String) -> String { "the private key of '\(path)' does not match its certificate" }

    func check(_ context: HAProxyCheckContext, _ findings: inout Findings) {
        for (reference, file) in context.certificateFiles {
            guard let certificate = file.bundle?.certificate, let key = file.keyBundle?.privateKey else { continue }
            if key.publicKey != certificate.publicKey { findings.report(Self.message(file.path), at: reference.range) }
        }
    }
}
