import ConfigDiagnostics
import Foundation
import HAProxyConfig

/// A `crt` or `crt-list` naming a file that does not exist or cannot be read.
struct CRTMissing: HAProxyRule {
    static let description = RuleDescription(
        id: "crt-missing", severity: .warning, domain: .haproxy,
        summary: "A crt or crt-list names a file that does not exist or cannot be read.",
        rationale: """
            HAProxy loads every certificate while it reads the configuration; a missing or unreadable file is an \
            ALERT ("unable to stat SSL certificate from file") and haproxy refuses to start. A relative name is \
            looked up under the global crt-base, or else in the directory haproxy runs in, which is rarely the \
            directory of the configuration. A name that does not exist is accepted when it names a \
            multi-certificate bundle (`NAME.rsa`, `NAME.ecdsa`, `NAME.dsa`). The certificates a crt-list names \
            are checked too, and reported at the crt-list option. It is a warning, not an error, because whether \
            the file exists depends on the machine weir runs on, not on the configuration: CI often checks \
            configurations away from the certificates they will be deployed with. So without `--root`, the files \
            missing here are one note for the whole configuration, at the first of them, with their count; check \
            them where they are with 'weir lint --root DIR', which looks for absolute names under DIR and reports \
            each missing file as a warning, or turn the finding into an error in .weir.yaml (severity: \
            {crt-missing: error}).
            """,
        fix: "Correct the path, or give an absolute one; check the file's permissions for the haproxy user.",
        triggering: [
            .haproxy("""
                frontend web
                    mode http
                    bind :443 ssl crt ↓"${WEIR_CERTS}/missing.pem"
                    timeout client 5s
                    default_backend app
                backend app
                    mode http
                    timeout connect 5s
                    timeout server 5s
                    server a 127.0.0.1:8080

                """),
            .haproxy("""
                global
                    crt-base "${WEIR_CERTS}"
                frontend web
                    mode http
                    bind :443 ssl crt ↓site/valid.pem
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
                    bind :443 ssl crt-list ↓"${WEIR_CERTS}/sites.crt-list"
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
                global
                    crt-base "${WEIR_CERTS}"
                frontend web
                    mode http
                    bind :443 ssl crt valid.pem
                    timeout client 5s
                    default_backend app
                backend app
                    mode http
                    timeout connect 5s
                    timeout server 5s
                    server a 127.0.0.1:8080

                """),
        ])

    static func missing(_ path: String) -> String { "no certificate file '\(path)'" }
    static func unreadable(_ path: String) -> String { "cannot read certificate file '\(path)'" }
    static func listed(_ list: String) -> String { "named in the crt-list '\(list)'" }

    static func elsewhere(_ count: Int) -> DiagnosticNote {
        DiagnosticNote(message: "\(count) more certificate file\(count == 1 ? " is" : "s are") missing on this machine")
    }
    static let useRoot = DiagnosticNote(
        message: "the files may be on the deployment host: check a copy of its tree with 'weir lint --root DIR'")

    func check(_ context: HAProxyCheckContext, _ findings: inout Findings) {
        let files = FileManager.default
        var missing: [(reference: CertificateReference, notes: [DiagnosticNote])] = []
        for reference in context.certificateReferences {
            let notes = reference.listedIn.map { [DiagnosticNote(message: Self.listed($0))] } ?? []
            if !files.fileExists(atPath: reference.path) {
                guard reference.isList || reference.bundleMembers.isEmpty else { continue }
                missing.append((reference, notes))
            } else if !files.isReadableFile(atPath: reference.path) {
                findings.report(Self.unreadable(reference.path), at: reference.range, notes: notes)
            }
        }
        if context.environment.root != nil {
            for (reference, notes) in missing { findings.report(Self.missing(reference.path), at: reference.range, notes: notes) }
        } else if let (first, notes) = missing.first {
            // Away from the deployment tree, missing files say more about this machine than about the text.
            let more = missing.count > 1 ? [Self.elsewhere(missing.count - 1)] : []
            findings.report(Self.missing(first.path), at: first.range, severity: .note, notes: notes + more + [Self.useRoot])
        }
    }
}
