import NIOCore
import NIOPosix
import RuntimePlan

/// One client connection of a `mode tcp` frontend: picks a backend (by
/// `use_backend` on addresses) and a server, connects, and copies bytes both
/// ways until either side closes or `timeout client`/`server`/`tunnel` expires.
final class TCPProxyHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    let engine: EngineContext
    let frontend: FrontendPlan
    private var buffered: [ByteBuffer] = []
    private var peer: Channel?
    private var backendIndex: Int?
    private var server: Int?

    init(engine: EngineContext, frontend: FrontendPlan) {
        self.engine = engine
        self.frontend = frontend
    }

    func channelActive(context: ChannelHandlerContext) {
        let client = context.channel.remoteAddress, local = context.channel.localAddress
        let facts = RequestFacts(source: client?.ipAddress, sourcePort: client?.port,
                                 destination: local?.ipAddress, destinationPort: local?.port)
        guard case .backend(let name) = engine.router.route(frontend, facts).outcome,
              let index = engine.backendIndex(named: name) else {
            context.close(promise: nil)
            return
        }
        backendIndex = index
        let backend = engine.backends[index]
        let clientChannel = context.channel
        context.channel.setOption(.autoRead, value: false).whenComplete { _ in }
        backend.acquire(for: facts, excluding: [], on: context.eventLoop).assumeIsolated().whenComplete { result in
            guard case .success(let server) = result else {
                clientChannel.close(promise: nil)
                return
            }
            self.server = server
            self.connect(server, backend.plan, clientChannel)
        }
        context.fireChannelActive()
    }

    private func connect(_ server: Int, _ plan: BackendPlan, _ clientChannel: Channel) {
        let target = plan.servers[server]
        let idle = plan.timeoutsMs["tunnel"] ?? plan.timeoutsMs["server"]
        ClientBootstrap(group: clientChannel.eventLoop)
            .connectTimeout(.milliseconds(Int64(plan.timeoutsMs["connect"] ?? 5000)))
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    if let idle { try channel.pipeline.syncOperations.addHandler(IdleCloseHandler(timeoutMs: idle)) }
                    try channel.pipeline.syncOperations.addHandler(ByteRelayHandler(peer: clientChannel))
                }
            }
            .connect(to: target.address.forClient(destinationPort: clientChannel.localAddress?.port), on: clientChannel.eventLoop)
            .assumeIsolated().whenComplete { result in
                switch result {
                case .success(let channel):
                    self.peer = channel
                    for chunk in self.buffered { channel.write(chunk, promise: nil) }
                    self.buffered = []
                    channel.flush()
                    clientChannel.setOption(.autoRead, value: true).whenComplete { _ in }
                case .failure:
                    self.releaseServer()
                    clientChannel.close(promise: nil)
                }
            }
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let chunk = unwrapInboundIn(data)
        if let peer { peer.writeAndFlush(chunk, promise: nil) } else { buffered.append(chunk) }
    }

    func channelInactive(context: ChannelHandlerContext) {
        peer?.close(promise: nil)
        releaseServer()
        context.fireChannelInactive()
    }

    private func releaseServer() {
        if let backendIndex, let server { engine.backends[backendIndex].release(server) }
        server = nil
    }
}

/// Copies what a server sends to the client channel, and closes the client when the server closes.
final class ByteRelayHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer

    let peer: Channel

    init(peer: Channel) { self.peer = peer }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        peer.writeAndFlush(unwrapInboundIn(data), promise: nil)
    }

    func channelInactive(context: ChannelHandlerContext) {
        peer.close(promise: nil)
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: Error) {
        context.close(promise: nil)
    }
}

/// Closes a connection that has seen no traffic for `timeoutMs`.
final class IdleCloseHandler: ChannelDuplexHandler {
    typealias InboundIn = NIOAny
    typealias InboundOut = NIOAny
    typealias OutboundIn = NIOAny
    typealias OutboundOut = NIOAny

    let timeoutMs: Int
    private var timer: Scheduled<Void>?

    init(timeoutMs: Int) { self.timeoutMs = timeoutMs }

    func handlerAdded(context: ChannelHandlerContext) { rearm(context) }

    func handlerRemoved(context: ChannelHandlerContext) { timer?.cancel() }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        rearm(context)
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        rearm(context)
        context.write(data, promise: promise)
    }

    private func rearm(_ context: ChannelHandlerContext) {
        timer?.cancel()
        let channel = context.channel
        timer = context.eventLoop.scheduleTask(in: .milliseconds(Int64(timeoutMs))) { channel.close(promise: nil) }
    }
}
