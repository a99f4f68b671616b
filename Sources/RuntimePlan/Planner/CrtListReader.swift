import ConfigDiagnostics
import Foundation
import HAProxyConfig
import RuntimePlan
import TLSMaterial

/// Reads a `crt-list` file: one certificate per line,
/// `<crtfile> [<options>] [[!]<sni filter> ...]`, blank lines and `#`
/// comments skipped. SNI filters replace the certificate's own names; `!name`
/// excludes a name. A line's `[options]` are checked like the bind's own
/// (`BindTLSCompiler`) and replace them for the handshakes that pick this
/// certificate by SNI (`CertificateEntrySettings`).
struct CrtListReader {
    /// The compiler of the bind naming the list: its `crt-base` and `ca-base`, its checks.
    let compiler: BindTLSCompiler

    /// The options HAProxy 2.6 takes on a crt-list line (`ssl_crtlist_kws`).
    static let lineOptions: Set<String> = [
        "alpn", "ca-file", "ca-verify-file", "ciphers", "ciphersuites", "crl-file", "curves", "ecdhe", "no-ca-names", "npn",
        "verify", "ssl-min-ver", "ssl-max-ver",
    ]

    func entries(_ path: String, at range: SourceRange, context: inout PlanningContext) -> [TLSCertificate] {
        guard let data = FileManager.default.contents(atPath: path) else {
            context.error(TLSPlannerMessage.certificate, "unable to open crt-list file '\(path)'.", at: range)
            return []
        }
        var result: [TLSCertificate] = []
        for line in String(decoding: data, as: UTF8.self).split(whereSeparator: \.isNewline) {
            let trimmed = line.trimmingCharacters(in: CharacterSet(charactersIn: " \t"))
            guard !trimmed.isEmpty, !trimmed.hasPrefix("#") else { continue }
            var words = trimmed.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
            let file = TLSBindDefaults.resolve(words.removeFirst(), base: compiler.defaults.crtBase)
            var settings: CertificateEntrySettings?
            if let open = words.firstIndex(where: { $0.hasPrefix("[") }) {
                let close = words[open...].firstIndex { $0.hasSuffix("]") } ?? words.count - 1
                let options = words[open...close].joined(separator: " ").trimmingCharacters(in: CharacterSet(charactersIn: "[] "))
                settings = entrySettings(options.split(separator: " ").map(String.init), list: path, at: range, context: &context)
                words.removeSubrange(open...close)
            }
            let excluded = words.filter { $0.hasPrefix("!") }.map { String($0.dropFirst()) }
            let filters = words.filter { !$0.hasPrefix("!") }
            result += compiler.certificates(file, filters: filters, excluded: excluded, at: range, context: &context)
                .map { certificate in
                    var certificate = certificate
                    certificate.entrySettings = settings
                    return certificate
                }
        }
        return result
    }

    /// A line's options, each checked as on a bind line; those the engine cannot run get the bind's `tls-not-run` warning.
    private func entrySettings(_ words: [String], list: String, at range: SourceRange,
                               context: inout PlanningContext) -> CertificateEntrySettings? {
        var scratch = BindTLS(certificates: [])
        var verify: (ClientVerify, SourceRange)?
        var caFile: (String, SourceRange)?
        var entry = CertificateEntrySettings()
        var index = 0
        while index < words.count {
            let name = words[index]
            // `no-ca-names` is the one option of a line without a value.
            let value = name == "no-ca-names" || index + 1 >= words.count ? nil : words[index + 1]
            index += name == "no-ca-names" ? 1 : 2
            guard Self.lineOptions.contains(name) else {
                context.error(TLSPlannerMessage.certificate, "crt-list '\(list)': '\(name)' is not an option of a crt-list line",
                              at: range)
                continue
            }
            compiler.apply(NamedOption(name: name, value: value, range: range), to: &scratch, verify: &verify, caFile: &caFile,
                           context: &context)
            switch name {
            case "alpn": entry.alpn = scratch.alpn
            case "ssl-min-ver": entry.minimumVersion = scratch.minimumVersion
            case "ssl-max-ver": entry.maximumVersion = scratch.maximumVersion
            case "ciphers": entry.ciphers = scratch.ciphers
            case "curves", "ecdhe": entry.curves = scratch.curves
            case "verify": entry.clientVerify = verify?.0
            case "ca-file":
                if let (path, _) = caFile {
                    if let problem = CAFileCheck.problem(path) { context.error(TLSPlannerMessage.caFile, problem, at: range) }
                    entry.caFile = path
                }
            case "crl-file": entry.crlFile = scratch.crlFile
            default: break
            }
        }
        return entry == CertificateEntrySettings() ? nil : entry
    }
}
