import NIOCore
import NIOPosix
import RuntimePlan

/// The start of a `mode tcp` client connection: picks a backend (by
/// `use_backend` on addresses) and a server, connects, then joins the
/// client's `ByteRelayHandler` (already in its pipeline, holding the client's
/// bytes in the socket until then) with one on the server connection.
///
/// Timeouts as HAProxy 2.6 applies them in TCP mode: `timeout client` on the
/// client side from the start, `timeout connect` for the connection,
/// `timeout server` on the server side, and the backend's `timeout tunnel` in
/// place of both once the server is connected.
final class TCPProxyHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer

    let engine: EngineContext
    let frontend: FrontendPlan
    /// The client side of the tunnel, in the pipeline after this handler.
    let clientRelay: ByteRelayHandler
    /// The connection's log record, when the frontend logs.
    let transactionLog: TCPTransactionLogHandler

    init(engine: EngineContext, frontend: FrontendPlan, clientRelay: ByteRelayHandler, transactionLog: TCPTransactionLogHandler) {
        self.engine = engine
        self.frontend = frontend
        self.clientRelay = clientRelay
        self.transactionLog = transactionLog
    }

    /// The handlers of a new client connection, in pipeline order.
    static func handlers(engine: EngineContext, frontend: FrontendPlan) -> [ChannelHandler] {
        let relay = ByteRelayHandler(idleTimeoutMs: frontend.timeoutsMs["client"])
        let log = TCPTransactionLogHandler(engine: engine, emitter: engine.frontendContext(frontend).trafficLog)
        return [log, TCPProxyHandler(engine: engine, frontend: frontend, clientRelay: relay, transactionLog: log), relay]
    }

    func channelActive(context: ChannelHandlerContext) {
        let client = context.channel.remoteAddress, local = context.channel.localAddress
        var facts = RequestFacts(source: client?.ipAddress, sourcePort: client?.port,
                                 destination: local?.ipAddress, destinationPort: local?.port)
        if let counters = ConnectionTracking.start(engine, frontend, context.channel) {
            facts.stickCounters = StickCounterHandle(counters)
            context.channel.closeFuture.whenComplete { _ in counters.end() }
        }
        guard case .backend(let name) = engine.router.route(frontend, facts).outcome,
              let index = engine.backendIndex(named: name) else {
            transactionLog.log.end(.proxy, .request)
            context.close(promise: nil)
            return
        }
        transactionLog.log.backend = index
        transactionLog.log.requestMs = 0
        let backend = engine.backends[index]
        let clientChannel = context.channel
        // `stick match|on` may ask for a server before balancing; `stick on|store-request` records the one used.
        let persistence = backend.plan.persistence.map {
            PersistenceChoice.resolve($0, backend: backend.plan, state: backend, tables: engine.stickTables,
                                      evaluator: engine.router.evaluator, now: ClientConnectionHandler.unixSeconds(), request: &facts)
        }
        let acquired: EventLoopFuture<Int>
        let balancer = engine.balancers(for: context.eventLoop)[index]
        if let server = persistence?.server, backend.tryAcquire(server: server) {
            acquired = context.eventLoop.makeSucceededFuture(server)
        } else {
            acquired = backend.acquire(for: facts, excluding: [], balancer: balancer, on: context.eventLoop)
        }
        acquired.assumeIsolated().whenComplete { result in
            guard case .success(let server) = result else {
                self.transactionLog.log.end(.serverAbort, .queue)
                clientChannel.close(promise: nil)
                return
            }
            persistence?.record(server: server, backend: backend.plan)
            self.engine.statistics.shard(for: clientChannel.eventLoop).countServerTaken(backend: index, server: server)
            let record = self.transactionLog
            record.log.server = server
            record.log.queueMs = record.log.elapsedMs()
            // The server stays counted as busy until the client connection ends (released before the log
            // line is built, as HAProxy counts it).
            record.release = { backend.release(server) }
            guard clientChannel.isActive else { return }
            self.connect(to: backend.plan, server, address: balancer.address(server), destinationPort: local?.port, clientChannel)
        }
        context.pipeline.syncOperations.removeHandler(self, promise: nil)
        context.fireChannelActive()
    }

    private func connect(to backend: BackendPlan, _ server: Int, address: SocketEndpoint, destinationPort: Int?,
                         _ clientChannel: Channel) {
        let tunnel = backend.timeoutsMs["tunnel"]
        let serverTimeout = tunnel ?? backend.timeoutsMs["server"]
        let clientRelay = self.clientRelay
        ClientBootstrap(group: clientChannel.eventLoop)
            .connectTimeout(.milliseconds(Int64(backend.timeoutsMs["connect"] ?? 5000)))
            .channelOption(.allowRemoteHalfClosure, value: true)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(ByteRelayHandler(idleTimeoutMs: serverTimeout))
                }
            }
            .connect(to: address.forClient(destinationPort: destinationPort), on: clientChannel.eventLoop)
            .assumeIsolated().whenComplete { result in
                switch result {
                case .success(let channel):
                    let record = self.transactionLog
                    record.log.connectMs = record.log.elapsedMs()
                    record.log.serverAddress = channel.remoteAddress
                    record.log.serverSource = channel.localAddress
                    guard clientChannel.isActive, let serverRelay = try? channel.pipeline.syncOperations.handler(type: ByteRelayHandler.self) else {
                        clientChannel.close(promise: nil)
                        return channel.close(promise: nil)
                    }
                    if let tunnel { clientRelay.replaceIdleTimeout(milliseconds: tunnel) }
                    ByteRelayHandler.join(clientRelay, serverRelay)
                case .failure(let error):
                    self.transactionLog.log.end(EngineErrorText.isTimeout(error) ? .serverTimeout : .serverAbort, .connect)
                    clientChannel.close(promise: nil)
                }
            }
    }
}
