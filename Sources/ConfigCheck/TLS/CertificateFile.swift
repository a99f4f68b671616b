import Foundation
import HAProxyConfig
import TLSMaterial

/// A certificate file read the way HAProxy 2.6 reads it: the PEM text, and
/// the private key from the same file or else from `NAME.key`.
struct CertificateFile: Sendable {
    /// The file's path.
    var path: String
    /// The PEM blocks; nil when the file cannot be read.
    var bundle: PEMBundle?
    /// Where HAProxy looks for the key when the file has none.
    var keyPath: String?
    /// The blocks of the file holding the private key, when one does.
    var keyBundle: PEMBundle?

    init(path: String, keyFiles: KeyFileLookup) {
        self.path = path
        bundle = Self.read(path)
        if let bundle, bundle.hasPrivateKey {
            keyBundle = bundle
        } else if let keyPath = keyFiles.keyPath(for: path) {
            self.keyPath = keyPath
            keyBundle = Self.read(keyPath).flatMap { $0.hasPrivateKey ? $0 : nil }
        }
    }

    private static func read(_ path: String) -> PEMBundle? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        return PEMBundle(text: String(decoding: data, as: UTF8.self))
    }
}

/// Whether and where HAProxy looks for a separate `.key` file, from the
/// global `ssl-load-extra-files` and `ssl-load-extra-del-ext`.
struct KeyFileLookup: Sendable {
    var enabled = true
    var deletesExtension = false

    init(_ configuration: HAProxyConfiguration) {
        let directives = configuration.global?.directives ?? []
        if let extra = directives.last(where: { $0.keyword == "ssl-load-extra-files" }) {
            enabled = extra.arguments.contains("all") || extra.arguments.contains("key")
        }
        deletesExtension = directives.contains { $0.keyword == "ssl-load-extra-del-ext" }
    }

    /// The `.key` file HAProxy tries for a certificate file, or nil when it tries none.
    func keyPath(for path: String) -> String? {
        guard enabled else { return nil }
        let name = path as NSString
        if deletesExtension, !name.pathExtension.isEmpty { return name.deletingPathExtension + ".key" }
        return path + ".key"
    }
}

extension HAProxyCheckContext {
    /// Every certificate file the configuration loads, with the reference that
    /// names it (read once and shared: `certificateFiles`).
    static func loadCertificateFiles(_ references: [CertificateReference], in configuration: HAProxyConfiguration)
        -> [(reference: CertificateReference, file: CertificateFile)] {
        let lookup = KeyFileLookup(configuration)
        return references.flatMap { reference in
            reference.files.map { (reference, CertificateFile(path: $0, keyFiles: lookup)) }
        }
    }
}
