import NIOCore
import NIOSSL
import NIOTLS

/// Sits after the TLS handler until the handshake completes, then records
/// the session (version, ALPN, client certificate) and leaves the pipeline.
final class TLSHandshakeObserver: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer

    private let state: TLSConnectionState

    init(_ state: TLSConnectionState) {
        self.state = state
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if case TLSUserEvent.handshakeCompleted(let negotiatedProtocol)? = event as? TLSUserEvent,
           let handler = try? context.pipeline.syncOperations.handler(type: NIOSSLServerHandler.self) {
            state.recordHandshake(negotiatedProtocol: negotiatedProtocol, handler: handler)
            context.fireUserInboundEventTriggered(event)
            context.pipeline.syncOperations.removeHandler(context: context, promise: nil)
            return
        }
        context.fireUserInboundEventTriggered(event)
    }
}

/// Reads the cipher suite from the ServerHello the TLS handler writes (the
/// library has no call that tells it), then leaves the pipeline. It sits
/// on the socket side of the TLS handler, where the handshake is clear text.
final class ServerHelloCipherReader: ChannelOutboundHandler, RemovableChannelHandler {
    typealias OutboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private let state: TLSConnectionState

    init(_ state: TLSConnectionState) {
        self.state = state
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        let bytes = unwrapOutboundIn(data)
        if let code = Self.cipherSuite(inServerHello: bytes) { state.recordCipher(code: code) }
        context.write(data, promise: promise)
        context.pipeline.syncOperations.removeHandler(context: context, promise: nil)
    }

    /// The cipher suite of a handshake record starting with a ServerHello: after the record header (5),
    /// the handshake header (4), the version (2), the random (32) and the session id.
    static func cipherSuite(inServerHello bytes: ByteBuffer) -> UInt16? {
        let start = bytes.readerIndex
        guard bytes.getInteger(at: start, as: UInt8.self) == 22, bytes.getInteger(at: start + 5, as: UInt8.self) == 2,
              let sessionLength = bytes.getInteger(at: start + 43, as: UInt8.self) else { return nil }
        return bytes.getInteger(at: start + 44 + Int(sessionLength), as: UInt16.self)
    }
}
