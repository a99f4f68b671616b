import NIOCore

/// Collects what a health-checked server sends, for the probe to judge.
/// Used only on its channel's event loop.
final class ResponseCollector: ChannelInboundHandler, @unchecked Sendable {
    typealias InboundIn = ByteBuffer

    var channel: Channel!
    private var received = ""
    private var closed = false
    private var waiter: (condition: (String) -> Bool, promise: EventLoopPromise<Bool>)?

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var buffer = unwrapInboundIn(data)
        received += buffer.readString(length: buffer.readableBytes) ?? ""
        check()
    }

    func channelInactive(context: ChannelHandlerContext) {
        closed = true
        check()
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: Error) {
        context.close(promise: nil)
    }

    /// Everything the server sends until it closes, or what came within the timeout.
    func receiveAll(timeoutMs: Int) -> EventLoopFuture<String> {
        receive(until: { _ in false }, timeoutMs: timeoutMs).map { _ in self.received }
    }

    /// True as soon as the data received satisfies `condition`; false on close or timeout.
    func receive(until condition: @escaping (String) -> Bool, timeoutMs: Int) -> EventLoopFuture<Bool> {
        let promise = channel.eventLoop.makePromise(of: Bool.self)
        waiter = (condition, promise)
        let timer = channel.eventLoop.scheduleTask(in: .milliseconds(Int64(timeoutMs))) { [self] in
            waiter = nil
            promise.succeed(false)
        }
        promise.futureResult.whenComplete { _ in timer.cancel() }
        check()
        return promise.futureResult
    }

    private func check() {
        guard let (condition, promise) = waiter else { return }
        if condition(received) {
            waiter = nil
            promise.succeed(true)
        } else if closed {
            waiter = nil
            promise.succeed(false)
        }
    }
}
