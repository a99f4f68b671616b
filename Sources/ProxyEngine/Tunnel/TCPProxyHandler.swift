import NIOCore
import NIOPosix
import RuntimePlan

/// The start of a `mode tcp` client connection: picks a backend (by
/// `use_backend` on addresses) and a server, connects, then joins the
/// client's `ByteRelayHandler` (already in its pipeline, holding the client's
/// bytes in the socket until then) with one on the server connection. A
/// connection that fails is retried as HAProxy 2.6 retries it in TCP mode
/// (`retries`, `option redispatch`, a pause before the same server after an error).
///
/// Timeouts as HAProxy 2.6 applies them in TCP mode: `timeout client` on the
/// client side from the start, `timeout connect` for the connection,
/// `timeout server` on the server side, and the backend's `timeout tunnel` in
/// place of both once the server is connected.
final class TCPProxyHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer

    let engine: EngineContext
    /// The frontend's context, resolved once per listener.
    let shared: FrontendContext
    var frontend: FrontendPlan { shared.plan }
    /// The client side of the tunnel, in the pipeline after this handler.
    let clientRelay: ByteRelayHandler
    /// The connection's log record, when the frontend logs.
    let transactionLog: TCPTransactionLogHandler

    init(engine: EngineContext, shared: FrontendContext, clientRelay: ByteRelayHandler, transactionLog: TCPTransactionLogHandler) {
        self.engine = engine
        self.shared = shared
        self.clientRelay = clientRelay
        self.transactionLog = transactionLog
    }

    /// The handlers of a new client connection, in pipeline order.
    /// `requestCaptures`: the slots the connection's `tcp-request content capture` rules filled, for its log line.
    static func handlers(engine: EngineContext, shared: FrontendContext, requestCaptures: [String?] = []) -> [ChannelHandler] {
        let relay = ByteRelayHandler(idleTimeout: shared.clientIdle, finTimeout: shared.clientFin)
        let log = TCPTransactionLogHandler(engine: engine, emitter: shared.trafficLog)
        if shared.trafficLog != nil { log.log.requestCaptures = requestCaptures }
        return [log, TCPProxyHandler(engine: engine, shared: shared, clientRelay: relay, transactionLog: log), relay]
    }

    func channelActive(context: ChannelHandlerContext) {
        let client = context.channel.remoteAddress, local = context.channel.localAddress
        var facts = RequestFacts(source: client?.ipAddress, sourcePort: client?.port,
                                 destination: local?.ipAddress, destinationPort: local?.port)
        if let counters = ConnectionTracking.start(engine, frontend, context.channel) {
            facts.stickCounters = StickCounterHandle(counters)
            context.channel.closeFuture.whenComplete { _ in counters.end() }
        }
        // The backend by position (`BackendTargets`): no name is looked up, no trace is built.
        let decision = engine.router.route(frontend, facts, tracing: false, targets: shared.backendTargets)
        guard case .backend = decision.outcome, let index = decision.backendIndex else {
            transactionLog.log.end(.proxy, .request)
            context.close(promise: nil)
            return
        }
        transactionLog.log.backend = index
        transactionLog.log.requestMs = 0
        let backend = engine.backends[index]
        // `stick match|on` may ask for a server before balancing; `stick on|store-request` records the one used.
        let persistence = backend.plan.persistence.map {
            PersistenceChoice.resolve($0, backend: backend.plan, state: backend, tables: engine.stickTables,
                                      evaluator: engine.router.evaluator, now: ClientConnectionHandler.unixSeconds(), request: &facts)
        }
        let attempt = Attempt(backendIndex: index, facts: facts, persistence: persistence,
                              balancer: engine.balancers(for: context.eventLoop)[index], destinationPort: local?.port,
                              attemptsLeft: backend.plan.retries + 1)
        take(attempt, context.channel)
        context.pipeline.syncOperations.removeHandler(self, promise: nil)
        context.fireChannelActive()
    }

    /// A connection's way to a server: the backend, what balancing needs, and the retries left.
    private final class Attempt {
        let backendIndex: Int
        let facts: RequestFacts
        let persistence: PersistenceChoice?
        let balancer: LoopBalancer
        let destinationPort: Int?
        /// Connection attempts left: `retries` + 1 at first.
        var attemptsLeft: Int
        /// Servers a redispatch must not pick again.
        var excluded: Set<Int> = []

        init(backendIndex: Int, facts: RequestFacts, persistence: PersistenceChoice?, balancer: LoopBalancer,
             destinationPort: Int?, attemptsLeft: Int) {
            self.backendIndex = backendIndex
            self.facts = facts
            self.persistence = persistence
            self.balancer = balancer
            self.destinationPort = destinationPort
            self.attemptsLeft = attemptsLeft
        }
    }

    /// Takes a server (the persistent one first, unless a redispatch excludes it), then connects.
    private func take(_ attempt: Attempt, _ clientChannel: Channel) {
        let backend = engine.backends[attempt.backendIndex]
        let acquired: EventLoopFuture<Int>
        if let server = attempt.persistence?.server, !attempt.excluded.contains(server), backend.tryAcquire(server: server) {
            acquired = clientChannel.eventLoop.makeSucceededFuture(server)
        } else {
            acquired = backend.acquire(for: attempt.facts, excluding: attempt.excluded, balancer: attempt.balancer,
                                       on: clientChannel.eventLoop)
        }
        acquired.assumeIsolated().whenComplete { result in
            guard case .success(let server) = result else {
                self.transactionLog.log.end(.serverAbort, .queue)
                clientChannel.close(promise: nil)
                return
            }
            attempt.persistence?.record(server: server, backend: backend.plan)
            self.engine.statistics.shard(for: clientChannel.eventLoop).countServerTaken(backend: attempt.backendIndex, server: server)
            let record = self.transactionLog
            record.log.server = server
            record.log.queueMs = record.log.elapsedMs()
            // The server stays counted as busy until the client connection ends (released before the log
            // line is built, as HAProxy counts it).
            record.release = { backend.release(server) }
            guard clientChannel.isActive else { return }
            self.connect(attempt, server, clientChannel)
        }
    }

    private func connect(_ attempt: Attempt, _ server: Int, _ clientChannel: Channel) {
        let backend = engine.backends[attempt.backendIndex].plan
        let tunnel = backend.timeouts.tunnelMs
        let clientRelay = self.clientRelay
        let connectTimeout = TimeAmount.milliseconds(Int64(backend.timeouts.connectMs))
        ClientBootstrap(group: clientChannel.eventLoop)
            .connectTimeout(connectTimeout)
            .channelOption(.allowRemoteHalfClosure, value: true)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(ByteRelayHandler(idleTimeoutMs: tunnel ?? backend.timeouts.serverMs,
                                                                                 finTimeoutMs: backend.timeouts.serverFinMs))
                }
            }
            .connect(to: attempt.balancer.address(server).forClient(destinationPort: attempt.destinationPort), on: clientChannel.eventLoop)
            .assumeIsolated().whenComplete { result in
                switch result {
                case .success(let channel):
                    let record = self.transactionLog
                    record.log.serverAddress = channel.remoteAddress
                    record.log.serverSource = channel.localAddress
                    record.serverConnected()
                    guard clientChannel.isActive, let serverRelay = try? channel.pipeline.syncOperations.handler(type: ByteRelayHandler.self) else {
                        clientChannel.close(promise: nil)
                        return channel.close(promise: nil)
                    }
                    if let tunnel { clientRelay.replaceIdleTimeout(milliseconds: tunnel) }
                    ByteRelayHandler.join(clientRelay, serverRelay)
                case .failure(let error):
                    self.retry(attempt, after: server, timedOut: EngineErrorText.isTimeout(error), clientChannel)
                }
            }
    }

    /// A connection that failed is tried again as in HTTP (`retries`, `option redispatch`, the pause
    /// before the same server after an error: `RetryPause`); the client is closed once they are spent.
    private func retry(_ attempt: Attempt, after server: Int, timedOut: Bool, _ clientChannel: Channel) {
        let counters = engine.statistics.shard(for: clientChannel.eventLoop)
        let plan = engine.backends[attempt.backendIndex].plan
        attempt.attemptsLeft -= 1
        guard attempt.attemptsLeft > 0, clientChannel.isActive else {
            counters.countServerError(backend: attempt.backendIndex, server: server, connecting: true)
            transactionLog.log.end(timedOut ? .serverTimeout : .serverAbort, .connect)
            clientChannel.close(promise: nil)
            return
        }
        let redispatches = plan.redispatch && plan.servers.count > 1
        counters.countRetry(backend: attempt.backendIndex, server: server, redispatched: redispatches)
        transactionLog.log.retries += 1
        if redispatches {
            transactionLog.release?()
            transactionLog.release = nil
            transactionLog.log.redispatched = true
            attempt.excluded.insert(server)
            return take(attempt, clientChannel)
        }
        guard !timedOut else { return connect(attempt, server, clientChannel) }
        let pause = RetryPause.after(.milliseconds(Int64(plan.timeouts.connectMs)))
        clientChannel.eventLoop.assumeIsolated().scheduleTask(in: pause) {
            guard clientChannel.isActive else { return }
            self.connect(attempt, server, clientChannel)
        }
    }
}
