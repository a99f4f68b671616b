import ConfigDiagnostics
import Foundation
import HAProxyConfig

/// Reads a `crt-list` file: one certificate per line,
/// `<crtfile> [<options>] [[!]<sni filter> ...]`, blank lines and `#`
/// comments skipped. SNI filters replace the certificate's own names; `!name`
/// excludes a name. Per-line `[options]` are not run: the engine serves every
/// certificate of a bind with the bind's settings.
struct CrtListReader {
    let crtBase: String?

    func entries(_ path: String, at range: SourceRange, context: inout PlanningContext) -> [TLSCertificate] {
        guard let data = FileManager.default.contents(atPath: path) else {
            context.error(TLSPlannerMessage.certificate, "unable to open crt-list file '\(path)'.", at: range)
            return []
        }
        var result: [TLSCertificate] = []
        for line in String(decoding: data, as: UTF8.self).split(whereSeparator: \.isNewline) {
            let trimmed = line.trimmingCharacters(in: " \t")
            guard !trimmed.isEmpty, !trimmed.hasPrefix("#") else { continue }
            var words = trimmed.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
            let file = TLSBindDefaults.resolve(words.removeFirst(), base: crtBase)
            if let open = words.firstIndex(where: { $0.hasPrefix("[") }) {
                let close = words[open...].firstIndex { $0.hasSuffix("]") } ?? words.count - 1
                let options = words[open...close].joined(separator: " ").trimmingCharacters(in: "[] ")
                if !options.isEmpty {
                    context.warning(TLSPlannerMessage.notRun, "crt-list '\(path)': the options [\(options)] of '\(file)' are not run "
                                    + "by the engine; the bind's settings apply", at: range)
                }
                words.removeSubrange(open...close)
            }
            let excluded = words.filter { $0.hasPrefix("!") }.map { String($0.dropFirst()) }
            let filters = words.filter { !$0.hasPrefix("!") }
            let loaded = BindTLSCompiler(defaults: TLSBindDefaults(), proxyName: "")
                .certificates(file, filters: filters, excluded: excluded, at: range, context: &context)
            result += loaded
        }
        return result
    }
}
