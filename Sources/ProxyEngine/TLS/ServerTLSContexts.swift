import NIOCore
import NIOSSL
import RuntimePlan
import TLSMaterial
import X509

/// The client-side TLS contexts toward servers (`server … ssl`,
/// `check-ssl`), built once when the engine starts, by backend and server
/// position, with the server's client certificate (`crt`) when it has one. The library cannot resume client sessions, so every new
/// server connection makes a full handshake (`no-ssl-reuse` is what it does anyway).
final class ServerTLSContexts: Sendable {
    private let contexts: [[NIOSSLContext?]]
    /// The `crl-file` lists of verified servers, by backend and server position.
    private let revocations: [[RevocationChecker?]]
    /// The servers whose context could not be built, with why; the engine refuses to start with any.
    let failures: [String]

    init(_ plan: RuntimePlan) {
        var failures: [String] = []
        contexts = plan.backends.map { backend in
            backend.servers.map { server in
                guard let tls = server.tls else { return nil }
                do {
                    return try Self.context(tls)
                } catch {
                    failures.append("backend \(backend.name), server \(server.name): \(error)")
                    return nil
                }
            }
        }
        revocations = plan.backends.map { backend in
            backend.servers.map { server in
                guard let tls = server.tls, tls.verify, let crlFile = tls.crlFile, let caFile = tls.caFile else { return nil }
                switch RevocationChecker.load(crlFile: crlFile, caFile: caFile) {
                case .success(let checker): return checker
                case .failure(let problem):
                    failures.append("backend \(backend.name), server \(server.name): \(problem)")
                    return nil
                }
            }
        }
        self.failures = failures
    }

    /// The revocation lists a server's certificate is checked against, nil when it has none.
    func revocation(backend: Int, server: Int) -> RevocationChecker? {
        guard revocations.indices.contains(backend), revocations[backend].indices.contains(server) else { return nil }
        return revocations[backend][server]
    }

    /// The context of a server, nil when it has no TLS.
    func context(backend: Int, server: Int) -> NIOSSLContext? {
        guard contexts.indices.contains(backend), contexts[backend].indices.contains(server) else { return nil }
        return contexts[backend][server]
    }

    /// The TLS handler of a new connection to a server: SNI and the name checked as the plan says.
    static func handler(_ context: NIOSSLContext, _ tls: ServerTLS, forCheck: Bool,
                        revocation: RevocationChecker? = nil) throws -> NIOSSLClientHandler {
        let serverName = forCheck ? (tls.checkServerName ?? tls.serverName) : tls.serverName
        let hostname = serverName ?? (tls.verify ? tls.verifyHost : nil)
        guard let revocation else { return try NIOSSLClientHandler(context: context, serverHostname: hostname) }
        // The library checks the chain; the revocation lists are checked on the verified server certificate after it.
        return try NIOSSLClientHandler._makeSSLClientHandler(context: context, serverHostname: hostname) { certificate, channel in
            let verdict = (try? Certificate(derEncoded: certificate.toDERBytes())).map { revocation.verdict(for: $0) } ?? .noList
            return verdict == .valid ? channel.eventLoop.makeSucceededVoidFuture()
                : channel.eventLoop.makeFailedFuture(BindTLSContexts.RevokedCertificate(verdict: verdict))
        }
    }

    private static func context(_ tls: ServerTLS) throws -> NIOSSLContext {
        var configuration = TLSConfiguration.makeClientConfiguration()
        configuration.minimumTLSVersion = (tls.minimumVersion ?? .tls12).engineVersion
        configuration.maximumTLSVersion = tls.maximumVersion?.engineVersion
        if let ciphers = tls.ciphers, !ciphers.isEmpty { configuration.cipherSuites = ciphers.joined(separator: ":") }
        configuration.curves = [.x25519, .secp256r1, .secp384r1, .secp521r1]
        configuration.applicationProtocols = tls.alpn
        if let certificate = tls.clientCertificate {
            let (chain, key) = try BindTLSContexts.chainAndKey(certificate)
            configuration.certificateChain = chain.map { .certificate($0) }
            configuration.privateKey = .privateKey(key)
        }
        if tls.verify, let caFile = tls.caFile {
            configuration.trustRoots = .certificates(try BindTLSContexts.certificates(in: caFile))
            // HAProxy checks names only against `sni` or `verifyhost`; without them the names are ignored.
            configuration.certificateVerification = tls.expectedName == nil ? .noHostnameVerification : .fullVerification
        } else {
            configuration.certificateVerification = .none
        }
        return try NIOSSLContext(configuration: configuration)
    }
}

extension EngineContext {
    /// Makes the TLS handler of a new connection to a server, nil when the server (or its checks) is clear text.
    func serverTLSHandler(backend: Int, server: Int, forCheck: Bool) -> (@Sendable () throws -> ChannelHandler)? {
        guard let tls = plan.backends[backend].servers[server].tls, forCheck ? tls.checks : tls.traffic,
              let context = serverTLS.context(backend: backend, server: server) else { return nil }
        let revocation = serverTLS.revocation(backend: backend, server: server)
        return { try ServerTLSContexts.handler(context, tls, forCheck: forCheck, revocation: revocation) }
    }
}
