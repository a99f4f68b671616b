import NIOCore
import NIOSSL
import NIOTLS

/// Sits after the TLS handler and records the session (version, ALPN,
/// client certificate) when the handshake completes; it passes everything on.
final class TLSHandshakeObserver: ChannelInboundHandler {
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
        }
        context.fireUserInboundEventTriggered(event)
    }
}

/// Reads the cipher suite from the ServerHello the TLS handler writes (the
/// library has no call that tells it): the first write only, then it passes
/// writes on. It sits on the socket side of the TLS handler, where the
/// handshake is clear text.
final class ServerHelloCipherReader: ChannelOutboundHandler {
    typealias OutboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private let state: TLSConnectionState
    private var done = false

    init(_ state: TLSConnectionState) {
        self.state = state
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if !done {
            done = true
            if let code = Self.cipherSuite(inServerHello: unwrapOutboundIn(data)) { state.recordCipher(code: code) }
        }
        context.write(data, promise: promise)
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
