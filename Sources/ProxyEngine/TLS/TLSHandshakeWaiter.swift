import NIOCore
import NIOTLS

/// Completes when a client-side TLS handshake does, fails when it fails or
/// the connection closes first: a health check over TLS passes its Layer 6 this way.
final class TLSHandshakeWaiter: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer

    /// Why the connection ended before its handshake.
    struct ClosedBeforeHandshake: Error, CustomStringConvertible {
        var description: String { "Layer6 invalid response: the connection closed during the TLS handshake" }
    }

    private let promise: EventLoopPromise<Void>
    private var settled = false

    init(_ loop: EventLoop) {
        promise = loop.makePromise()
    }

    var completed: EventLoopFuture<Void> { promise.futureResult }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if case TLSUserEvent.handshakeCompleted? = event as? TLSUserEvent { settle(nil) }
        context.fireUserInboundEventTriggered(event)
    }

    func errorCaught(context: ChannelHandlerContext, error: Error) {
        settle(error)
        context.fireErrorCaught(error)
    }

    func channelInactive(context: ChannelHandlerContext) {
        settle(ClosedBeforeHandshake())
        context.fireChannelInactive()
    }

    /// A connection that never opened (refused, timed out) has no `channelInactive`: its
    /// pipeline's teardown settles the promise instead of leaking it.
    func handlerRemoved(context: ChannelHandlerContext) {
        settle(ClosedBeforeHandshake())
    }

    private func settle(_ error: Error?) {
        guard !settled else { return }
        settled = true
        if let error { promise.fail(error) } else { promise.succeed() }
    }
}
