import Foundation
import NIOSSL
import RuntimePlan
import TLSMaterial
import X509

/// The TLS contexts of one `ssl` bind, built once when the engine starts
/// (building one is slow, blocking work): one per certificate, each with
/// the bind's versions, ciphers, curves, ALPN and client verification, or
/// those of the certificate's crt-list line.
/// Certificates and keys are read here as bytes, never through the
/// library's file sources, which trap on some bad files.
final class BindTLSContexts: Sendable {
    let settings: BindTLS
    private let contexts: [NIOSSLContext]
    /// The `crl-file` lists of each certificate's settings, when client certificates are asked for.
    private let revocations: [RevocationChecker?]

    /// Why a bind's TLS contexts could not be built, with the file concerned.
    struct BuildError: Error, CustomStringConvertible {
        let description: String
    }

    init(_ settings: BindTLS) throws {
        self.settings = settings
        var trustRootsByFile: [String: [NIOSSLCertificate]] = [:]
        revocations = try settings.certificates.map { certificate in
            let merged = settings.applying(certificate.entrySettings)
            guard let crlFile = merged.crlFile, let caFile = merged.caFile, merged.clientVerify != .none else { return nil }
            switch RevocationChecker.load(crlFile: crlFile, caFile: caFile) {
            case .success(let checker): return checker
            case .failure(let problem): throw BuildError(description: problem.description)
            }
        }
        contexts = try settings.certificates.map { certificate in
            // A crt-list line's options replace the bind's for the handshakes that pick its certificate.
            let merged = settings.applying(certificate.entrySettings)
            var trustRoots: [NIOSSLCertificate]?
            if let caFile = merged.caFile {
                trustRoots = try trustRootsByFile[caFile] ?? Self.certificates(in: caFile)
                trustRootsByFile[caFile] = trustRoots
            }
            return try Self.context(certificate, merged, trustRoots: trustRoots)
        }
    }

    /// The context for a handshake: the first certificate answering the SNI name, else the first
    /// certificate; nil under `strict-sni` when none answers, or when the bind has no certificate.
    func context(for serverName: String?) -> NIOSSLContext? {
        index(for: serverName).map { contexts[$0] }
    }

    /// The TLS handler of a connection whose ClientHello named `serverName`, nil when no certificate answers.
    func handler(for serverName: String?) -> NIOSSLServerHandler? {
        guard let index = index(for: serverName) else { return nil }
        guard let revocation = revocations[index] else { return NIOSSLServerHandler(context: contexts[index]) }
        // The library checks the chain; the revocation lists are checked on the verified client certificate after it.
        return NIOSSLServerHandler._makeSSLServerHandler(context: contexts[index]) { certificate, channel in
            guard let parsed = try? Certificate(derEncoded: certificate.toDERBytes()) else {
                return channel.eventLoop.makeFailedFuture(RevokedCertificate(verdict: .noList))
            }
            let verdict = revocation.verdict(for: parsed)
            return verdict == .valid ? channel.eventLoop.makeSucceededVoidFuture()
                : channel.eventLoop.makeFailedFuture(RevokedCertificate(verdict: verdict))
        }
    }

    /// Why a client certificate was refused after the library accepted its chain.
    struct RevokedCertificate: Error {
        let verdict: RevocationChecker.Verdict
    }

    private func index(for serverName: String?) -> Int? {
        if let serverName, let index = settings.certificates.firstIndex(where: { $0.answers(serverName) }) { return index }
        return settings.strictSNI || contexts.isEmpty ? nil : 0
    }

    private static func context(_ certificate: TLSCertificate, _ settings: BindTLS,
                                trustRoots: [NIOSSLCertificate]?) throws -> NIOSSLContext {
        let (chain, key) = try chainAndKey(certificate)
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

    /// The certificate chain and private key of a PEM file (the key from `keyPath` when it is apart).
    static func chainAndKey(_ certificate: TLSCertificate) throws -> ([NIOSSLCertificate], NIOSSLPrivateKey) {
        let chain = try certificates(in: certificate.path)
        let keyBytes = try bytes(of: certificate.keyPath ?? certificate.path)
        do {
            return (chain, try NIOSSLPrivateKey(bytes: keyBytes, format: .pem))
        } catch {
            throw BuildError(description: "unable to load the private key of '\(certificate.path)' (\(error))")
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
