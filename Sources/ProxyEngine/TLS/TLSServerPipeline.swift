import NIOCore
import NIOSSL
import NIOTLS

/// Puts TLS termination in front of a client connection's handlers: an SNI
/// reader picks the certificate's context from the ClientHello (closing the
/// connection under `strict-sni` when no certificate answers), then the TLS
/// handler, the ServerHello cipher reader and the handshake observer take its place,
/// followed by `protocolSwitch` (an HTTP bind's `ALPNProtocolSwitch`) when there is one.
enum TLSServerPipeline {
    /// Why a connection was closed before its handshake.
    struct NoCertificate: Error {}

    static func add(to channel: Channel, contexts: BindTLSContexts, state: TLSConnectionState,
                    before next: ChannelHandler, protocolSwitch: ChannelHandler? = nil) throws {
        let sni = SNIHandler { result in
            var serverName: String?
            if case .hostname(let name) = result { serverName = name }
            state.recordServerName(serverName)
            guard let tls = contexts.handler(for: serverName) else {
                channel.close(promise: nil)
                return channel.eventLoop.makeFailedFuture(NoCertificate())
            }
            do {
                let operations = channel.pipeline.syncOperations
                try operations.addHandler(tls, position: .before(next))
                try operations.addHandler(TLSHandshakeObserver(state), position: .before(next))
                if let protocolSwitch { try operations.addHandler(protocolSwitch, position: .before(next)) }
                try operations.addHandler(ServerHelloCipherReader(state), position: .before(tls))
                return channel.eventLoop.makeSucceededVoidFuture()
            } catch {
                channel.close(promise: nil)
                return channel.eventLoop.makeFailedFuture(error)
            }
        }
        try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(sni), position: .first)
    }
}
