import ConfigDiagnostics
import Foundation
import HAProxyConfig

/// A certificate named by a `crt` (or `crt-list`) option of a `bind`,
/// `server` or `default-server` line, with the path HAProxy opens.
struct CertificateReference: Sendable {
    /// The name as written (variables expanded).
    var name: String
    /// The path HAProxy opens: relative names start at `crt-base`, else at the working directory.
    var path: String
    /// Where the name is.
    var range: SourceRange
    /// Whether the option is `crt-list`, a file listing certificates.
    var isList: Bool
    /// The crt-list that names the certificate, when it comes from one (the range is then the list's).
    var listedIn: String?

    /// The bind, server and default-server options that name certificates.
    static let optionNames: Set<String> = ["crt", "crt-list"]

    /// The members of a multi-certificate bundle HAProxy loads when `NAME` itself does not exist.
    var bundleMembers: [String] {
        [".dsa", ".ecdsa", ".rsa"].map { path + $0 }.filter { FileManager.default.fileExists(atPath: $0) }
    }

    /// The certificate files the reference loads: the file itself, the
    /// members of a `NAME.rsa`/`NAME.ecdsa`/`NAME.dsa` bundle, or the files
    /// of a directory that HAProxy loads (it skips hidden files and `.key`,
    /// `.ocsp`, `.issuer` and `.sctl` ones). Empty for a `crt-list`.
    var files: [String] {
        guard !isList else { return [] }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return bundleMembers }
        guard isDirectory.boolValue else { return [path] }
        let skipped = [".key", ".ocsp", ".issuer", ".sctl"]
        let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        return names.sorted().filter { name in !name.hasPrefix(".") && !skipped.contains { name.hasSuffix($0) } }
            .map { (path as NSString).appendingPathComponent($0) }
            .filter { file in
                var isDirectory: ObjCBool = false
                return FileManager.default.fileExists(atPath: file, isDirectory: &isDirectory) && !isDirectory.boolValue
            }
    }
}

extension HAProxyCheckContext {
    /// The value of a `global` keyword's first argument, the last one written.
    func globalValue(_ keyword: String) -> String? { Self.globalValue(keyword, in: configuration) }

    static func globalValue(_ keyword: String, in configuration: HAProxyConfiguration) -> String? {
        configuration.global?.directives.last { $0.keyword == keyword }?.arguments.first
    }

    /// Every `crt` and `crt-list` of bind, server and default-server lines, in
    /// order (found once and shared: `certificateReferences`).
    static func findCertificateReferences(in configuration: HAProxyConfiguration, proxies: [Proxy],
                                          environment: CheckEnvironment) -> [CertificateReference] {
        let base = globalValue("crt-base", in: configuration)
        var references: [CertificateReference] = []
        forEachEndpointOption(of: proxies) { option, proxy in
            guard CertificateReference.optionNames.contains(option.name), let name = option.value, !name.isEmpty else { return }
            let isList = option.name == "crt-list"
            let path = environment.resolve(name, base: isList ? nil : base)
            let range = valueRange(of: option, in: proxy)
            references.append(CertificateReference(name: name, path: path, range: range, isList: isList))
            guard isList else { return }
            for entry in crtListEntries(at: path) {
                references.append(CertificateReference(name: entry, path: environment.resolve(entry, base: base),
                                                       range: range, isList: false, listedIn: path))
            }
        }
        return references
    }

    /// The certificate names of a crt-list file: the first word of each line
    /// that is not blank or a comment (options in `[…]` and SNI filters follow it).
    /// Names starting with `@` are not files.
    static func crtListEntries(at path: String) -> [String] {
        guard let data = FileManager.default.contents(atPath: path) else { return [] }
        return String(decoding: data, as: UTF8.self).split(whereSeparator: \.isNewline).compactMap { line in
            guard !line.hasPrefix("#"), let first = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).first,
                  !first.hasPrefix("@") else { return nil }
            return String(first)
        }
    }

    /// The range of an option's value word, found among its line's arguments; the option's range otherwise.
    static func valueRange(of option: NamedOption, in proxy: Proxy) -> SourceRange {
        for directive in proxy.directives where directive.range.isInSameFile(as: option.range) {
            if let range = directive.argumentRanges.last(where: { $0.end == option.range.end && $0.start != option.range.start }) {
                return range
            }
        }
        return option.range
    }
}
