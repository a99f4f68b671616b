import NIOCore
import RuntimePlan

/// The record of a `mode tcp` connection, first in the client's pipeline:
/// its timers feed the statistics' averages, and when its frontend logs it counts the bytes each way as they pass
/// (`%U` read from the client, `%B` written to it) and sends the line when
/// the client connection ends, while the connection is still counted in
/// `%ac`/`%fc` as HAProxy counts it. `TCPProxyHandler` fills the backend,
/// server and timers.
final class TCPTransactionLogHandler: ChannelDuplexHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer
    typealias OutboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    let engine: EngineContext
    /// The frontend's log; nil when it does not log.
    let emitter: TrafficLogEmitter?
    var log = TransactionLog()
    /// Gives the server back; called once when the client connection ends.
    var release: (() -> Void)?

    init(engine: EngineContext, emitter: TrafficLogEmitter?) {
        self.engine = engine
        self.emitter = emitter
    }

    func channelActive(context: ChannelHandlerContext) {
        if let emitter {
            log.client = context.channel.remoteAddress
            log.local = context.channel.localAddress
            log.requestCounter = emitter.nextRequestNumber()
        }
        context.fireChannelActive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        log.bytesIn += Int64(unwrapInboundIn(data).readableBytes)
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        log.bytesOut += Int64(unwrapOutboundIn(data).readableBytes)
        context.write(data, promise: promise)
    }

    /// The server connection is made: under `option logasap` the line goes out now, as HAProxy logs it then
    /// (`+Tt` ends at the connection, `+B` counts nothing yet), and not again at the close.
    func serverConnected() {
        log.connectMs = log.elapsedMs()
        if let emitter, emitter.emitEarly(log, atMs: log.connectMs, engine: engine) { log.loggedEarly = true }
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        release?()
        release = nil
    }

    func errorCaught(context: ChannelHandlerContext, error: Error) {
        if log.cause == .normal { log.end(.clientAbort, .data) }
        context.fireErrorCaught(error)
    }

    func channelInactive(context: ChannelHandlerContext) {
        release?()
        release = nil
        log.closeMs = log.elapsedMs()
        if let backend = log.backend {
            engine.statistics.shard(for: context.eventLoop).activity
                .countTransaction(backend: backend, server: log.server, times: TransactionTimes(log, http: false))
        }
        log.clientSentNothing = log.bytesIn == 0
        if !log.loggedEarly { emitter?.emit(log, engine: engine) }
        context.fireChannelInactive()
    }
}
