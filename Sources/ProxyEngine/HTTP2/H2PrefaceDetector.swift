import NIOCore
import RuntimePlan

/// Sits in front of `ClientConnectionHandler` on a `mode http` bind (after TLS on an `ssl` one) and
/// looks at the first bytes: the HTTP/2 client preface (`PRI * HTTP/2.0`, as
/// HAProxy detects it) turns the connection into HTTP/2 (`H2Pipeline`);
/// anything else goes on to the HTTP/1 handler unchanged. A bind's `proto`
/// changes that as HAProxy's muxes do: under `proto h2` anything else is closed
/// without a word, under `proto h1` the preface is answered 400 and closed. It
/// leaves the pipeline as soon as it has decided.
final class H2PrefaceDetector: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer

    static let preface = Array("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".utf8)

    private let engine: EngineContext
    private let frontend: FrontendPlan
    /// The TLS session when the preface comes inside TLS (HAProxy accepts it on a TLS bind without ALPN `h2`).
    private let tls: TLSConnectionState?
    /// What the bind's `proto` allows.
    enum Policy {
        /// No `proto`: the preface makes HTTP/2, anything else is HTTP/1.
        case detect
        /// `proto h2`: a connection that does not start with the preface is closed.
        case require
        /// `proto h1`: the preface is refused (400), anything else is HTTP/1.
        case refuse
    }

    private let policy: Policy
    /// Bytes that so far match the start of the preface.
    private var buffered: ByteBuffer?

    init(engine: EngineContext, frontend: FrontendPlan, tls: TLSConnectionState? = nil, policy: Policy = .detect) {
        self.engine = engine
        self.frontend = frontend
        self.tls = tls
        self.policy = policy
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var bytes = unwrapInboundIn(data)
        if var held = buffered {
            held.writeBuffer(&bytes)
            bytes = held
            buffered = nil
        }
        let count = min(bytes.readableBytes, Self.preface.count)
        guard bytes.readableBytesView.prefix(count).elementsEqual(Self.preface.prefix(count)) else {
            return policy == .require ? context.close(promise: nil) : handOver(bytes, context)
        }
        guard count == Self.preface.count else {
            buffered = bytes
            return
        }
        if policy == .refuse {
            buffered = nil
            let channel = context.channel
            return context.writeAndFlush(NIOAny(ErrorPages.response(400, closing: true))).whenComplete { _ in channel.close(promise: nil) }
        }
        do {
            let operations = context.pipeline.syncOperations
            operations.removeHandler(try operations.handler(type: ClientConnectionHandler.self), promise: nil)
            // The HTTP/1 handler was the last one: the HTTP/2 handlers take its place, right after this one.
            try H2Pipeline.configure(operations, engine: engine, frontend: frontend, tls: tls)
            handOver(bytes, context)
        } catch {
            context.close(promise: nil)
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        // A client that sent part of the preface and left: the HTTP/1 handler sees those bytes (and answers 400, as HAProxy does).
        if let held = buffered, policy != .require {
            buffered = nil
            context.fireChannelRead(wrapInboundOut(held))
        }
        context.fireChannelInactive()
    }

    private func handOver(_ bytes: ByteBuffer, _ context: ChannelHandlerContext) {
        context.fireChannelRead(wrapInboundOut(bytes))
        context.fireChannelReadComplete()
        context.pipeline.syncOperations.removeHandler(context: context, promise: nil)
    }
}
