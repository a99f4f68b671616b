import Foundation
import X509

/// A certificate file a TLS listener serves, read and checked the way
/// HAProxy 2.6 loads it: certificate and chain from the file, the private
/// key from the same file or else from `NAME.key`, the key matching the
/// certificate. Everything the TLS library would refuse (or trap on) is
/// found here first, with HAProxy's wording.
public struct ServedCertificateFile: Sendable {
    /// Why a certificate file cannot be served.
    public enum Problem: Error, Sendable, Equatable, CustomStringConvertible {
        case unreadable(path: String)
        case noCertificate(path: String)
        case noPrivateKey(keyPath: String)
        case keyMismatch(path: String)

        public var description: String {
            switch self {
            case .unreadable(let path): "unable to stat SSL certificate from file '\(path)' : No such file or directory."
            case .noCertificate(let path): "unable to load certificate from file '\(path)'."
            case .noPrivateKey(let keyPath): "No Private Key found in '\(keyPath)'."
            case .keyMismatch(let path): "inconsistencies between private key and certificate loaded '\(path)'."
            }
        }
    }

    public var path: String
    /// The separate key file, when the key is not in `path`.
    public var keyPath: String?
    /// The certificate's common name and DNS names, as SNI selects on them.
    public var names: [String]
    public var notValidAfter: Date

    /// Reads `path` (and `path.key` when `lookForKeyFile` and the file has no key).
    public static func load(_ path: String, lookForKeyFile: Bool = true) -> Result<ServedCertificateFile, Problem> {
        guard let data = FileManager.default.contents(atPath: path) else { return .failure(.unreadable(path: path)) }
        let bundle = PEMBundle(text: String(decoding: data, as: UTF8.self))
        guard let certificate = bundle.certificate else { return .failure(.noCertificate(path: path)) }
        var keyBundle = bundle, keyPath: String?
        if !bundle.hasPrivateKey {
            let candidate = path + ".key"
            guard lookForKeyFile, let keyData = FileManager.default.contents(atPath: candidate) else {
                return .failure(.noPrivateKey(keyPath: candidate))
            }
            keyBundle = PEMBundle(text: String(decoding: keyData, as: UTF8.self))
            guard keyBundle.hasPrivateKey else { return .failure(.noPrivateKey(keyPath: candidate)) }
            keyPath = candidate
        }
        // Keys swift-certificates cannot read (encrypted, RSA under 2048 bits) are left to the TLS library.
        if let key = keyBundle.privateKey, key.publicKey != certificate.publicKey {
            return .failure(.keyMismatch(path: path))
        }
        return .success(ServedCertificateFile(path: path, keyPath: keyPath, names: Self.names(of: certificate),
                                              notValidAfter: certificate.notValidAfter))
    }

    /// The common name, then the DNS subject alternative names, without repeats.
    static func names(of certificate: Certificate) -> [String] {
        var names: [String] = []
        for relativeName in certificate.subject {
            for attribute in relativeName where attribute.type == .RDNAttributeType.commonName {
                if let text = String(attribute.value) { names.append(text) }
            }
        }
        if let alternatives = try? certificate.extensions.subjectAlternativeNames {
            for name in alternatives {
                if case .dnsName(let dns) = name, !names.contains(dns) { names.append(dns) }
            }
        }
        return names
    }
}

/// Reads a CA file for client or server certificate verification: at least one certificate, as HAProxy requires.
public enum CAFileCheck {
    /// nil when the file holds a certificate; the problem otherwise.
    public static func problem(_ path: String) -> String? {
        guard let data = FileManager.default.contents(atPath: path) else {
            return "unable to load CA file '\(path)' (cannot read it)"
        }
        let bundle = PEMBundle(text: String(decoding: data, as: UTF8.self))
        guard bundle.certificate != nil else { return "unable to load CA file '\(path)' (no certificate in it)" }
        return nil
    }
}
