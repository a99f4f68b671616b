import NIOCore
import NIOSSL
import RuntimePlan

/// The client-side TLS contexts toward servers (`server … ssl`,
/// `check-ssl`), built once when the engine starts, by backend and server
/// position. The library cannot resume client sessions, so every new
/// server connection makes a full handshake (`no-ssl-reuse` is what it does anyway).
final class ServerTLSContexts: Sendable {
    private let contexts: [[NIOSSLContext?]]
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
        self.failures = failures
    }

    /// The context of a server, nil when it has no TLS.
    func context(backend: Int, server: Int) -> NIOSSLContext? {
        guard contexts.indices.contains(backend), contexts[backend].indices.contains(server) else { return nil }
        return contexts[backend][server]
    }

    /// The TLS handler of a new connection to a server: SNI and the name checked as the plan says.
    static func handler(_ context: NIOSSLContext, _ tls: ServerTLS, forCheck: Bool) throws -> NIOSSLClientHandler {
        let serverName = forCheck ? (tls.checkServerName ?? tls.serverName) : tls.serverName
        return try NIOSSLClientHandler(context: context, serverHostname: serverName ?? (tls.verify ? tls.verifyHost : nil))
    }

    private static func context(_ tls: ServerTLS) throws -> NIOSSLContext {
        var configuration = TLSConfiguration.makeClientConfiguration()
        configuration.minimumTLSVersion = (tls.minimumVersion ?? .tls12).engineVersion
        configuration.maximumTLSVersion = tls.maximumVersion?.engineVersion
        if let ciphers = tls.ciphers, !ciphers.isEmpty { configuration.cipherSuites = ciphers.joined(separator: ":") }
        configuration.curves = [.x25519, .secp256r1, .secp384r1, .secp521r1]
        configuration.applicationProtocols = tls.alpn
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
        return { try ServerTLSContexts.handler(context, tls, forCheck: forCheck) }
    }
}
