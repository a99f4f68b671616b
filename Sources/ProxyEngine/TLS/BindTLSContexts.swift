import Foundation
import NIOSSL
import RuntimePlan
import TLSMaterial

/// The TLS contexts of one `ssl` bind, built once when the engine starts
/// (building one is slow, blocking work): one per certificate, each with
/// the bind's versions, ciphers, curves, ALPN and client verification.
/// Certificates and keys are read here as bytes, never through the
/// library's file sources, which trap on some bad files.
final class BindTLSContexts: Sendable {
    let settings: BindTLS
    private let contexts: [NIOSSLContext]

    /// Why a bind's TLS contexts could not be built, with the file concerned.
    struct BuildError: Error, CustomStringConvertible {
        let description: String
    }

    init(_ settings: BindTLS) throws {
        self.settings = settings
        let trustRoots = try settings.caFile.map { try Self.certificates(in: $0) }
        contexts = try settings.certificates.map { certificate in
            try Self.context(certificate, settings, trustRoots: trustRoots)
        }
    }

    /// The context for a handshake: the first certificate answering the SNI name, else the first
    /// certificate; nil under `strict-sni` when none answers, or when the bind has no certificate.
    func context(for serverName: String?) -> NIOSSLContext? {
        if let serverName, let index = settings.certificates.firstIndex(where: { $0.answers(serverName) }) {
            return contexts[index]
        }
        return settings.strictSNI ? nil : contexts.first
    }

    private static func context(_ certificate: TLSCertificate, _ settings: BindTLS,
                                trustRoots: [NIOSSLCertificate]?) throws -> NIOSSLContext {
        let chain = try certificates(in: certificate.path)
        let keyBytes = try bytes(of: certificate.keyPath ?? certificate.path)
        let key: NIOSSLPrivateKey
        do {
            key = try NIOSSLPrivateKey(bytes: keyBytes, format: .pem)
        } catch {
            throw BuildError(description: "unable to load the private key of '\(certificate.path)' (\(error))")
        }
        var configuration = TLSConfiguration.makeServerConfiguration(certificateChain: chain.map { .certificate($0) },
                                                                     privateKey: .privateKey(key))
        configuration.minimumTLSVersion = settings.minimumVersion.engineVersion
        configuration.maximumTLSVersion = settings.maximumVersion?.engineVersion
        if let ciphers = settings.ciphers, !ciphers.isEmpty { configuration.cipherSuites = ciphers.joined(separator: ":") }
        // OpenSSL 3.0's groups, without the post-quantum hybrid BoringSSL would offer first.
        configuration.curves = settings.curves.map { $0.compactMap(Self.curve) } ?? [.x25519, .secp256r1, .secp384r1, .secp521r1]
        configuration.applicationProtocols = settings.alpn
        switch settings.clientVerify {
        case .none: configuration.certificateVerification = .none
        case .optional: configuration.certificateVerification = .optionalVerification
        case .required: configuration.certificateVerification = .noHostnameVerification
        }
        if let trustRoots {
            configuration.trustRoots = .certificates(trustRoots)
            configuration.sendCANameList = true
        }
        do {
            return try NIOSSLContext(configuration: configuration)
        } catch {
            throw BuildError(description: "unable to use the certificate '\(certificate.path)' (\(error))")
        }
    }

    static func certificates(in path: String) throws -> [NIOSSLCertificate] {
        let certificates: [NIOSSLCertificate]
        do {
            certificates = try NIOSSLCertificate.fromPEMBytes(try bytes(of: path))
        } catch let error as BuildError {
            throw error
        } catch {
            throw BuildError(description: "unable to load certificate from file '\(path)' (\(error))")
        }
        guard !certificates.isEmpty else { throw BuildError(description: "unable to load certificate from file '\(path)'") }
        return certificates
    }

    private static func bytes(of path: String) throws -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw BuildError(description: "unable to stat SSL certificate from file '\(path)' : No such file or directory.")
        }
        return Array(data)
    }

    private static func curve(_ name: String) -> NIOTLSCurve? {
        switch TLSCurveName.engineName(name) {
        case "X25519": .x25519
        case "P-256": .secp256r1
        case "P-384": .secp384r1
        case "P-521": .secp521r1
        default: nil
        }
    }
}

extension TLSProtocolVersion {
    /// The library's version value.
    var engineVersion: TLSVersion {
        switch self {
        case .tls10: .tlsv1
        case .tls11: .tlsv11
        case .tls12: .tlsv12
        case .tls13: .tlsv13
        }
    }
}
