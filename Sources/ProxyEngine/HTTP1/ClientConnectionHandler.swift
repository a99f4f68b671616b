import NIOCore
import RuntimePlan

/// The one handler of an HTTP/1 client connection. It indexes each request
/// head on the read buffer, routes it, forwards the head (as read when
/// nothing changes) and streams the body to a server connection with
/// backpressure, then relays the response (see `+Server`). Requests are
/// answered one at a time, in order: bytes of a pipelined request wait until
/// the response before them is complete. After an upgrade it leaves the
/// pipeline to a `ByteRelayHandler` (see `TunnelSwitch`). Used on its event loop only.
final class ClientConnectionHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    let engine: EngineContext
    /// What every connection of the frontend shares, resolved once when the engine starts.
    let shared: FrontendContext
    var frontend: FrontendPlan {
        // Lent, not copied: a copy of the plan would retain each of its fields on every request.
        _read { yield shared.plan }
    }
    var limits: H1Limits { engine.limits }
    var context: ChannelHandlerContext?
    /// The connection's phase; every decision that depends on it is the machine's.
    var machine: ClientConnectionStateMachine
    /// Bytes read and not yet used.
    var input: ByteBuffer?
    /// Whether reading was held back when the channel asked for a read.
    private var pendingRead = false
    /// How many bytes of an incomplete head were already looked at.
    private var incompleteHeadBytes = 0
    /// The client half-closed: nothing more will come after the request in progress.
    var clientInputClosed: Bool { machine.clientInputClosed }
    /// A request was answered on this connection (or it is a parked one taken back).
    var servedOne: Bool { machine.servedOne }
    /// Waits for the next request (see `armWaitTimer`).
    private var waitTimer: MovableTimer?
    /// The exchange with a server, while the machine is forwarding.
    var exchange: ServerExchange?
    /// The body being dropped while the machine is discarding.
    private var discardFramer: H1BodyFramer?
    /// `timeout server` while a response is awaited or streamed; made at the first
    /// forwarded request, so a connection answered locally never has one.
    var serverTimer: MovableTimer?
    /// `timeout client` while a request body streams (see `+ClientTimeout`).
    var clientTimer: MovableTimer?

    /// Variables of the `sess` scope: they live as long as the client connection.
    var sessionVariables: [String: Sample] = [:]
    /// The `proc` variables the current request was given (to tell an `unset-var` from another connection's new one).
    var loadedProcessVariables: [String: Sample] = [:]
    /// The request being answered, after its rules (what `http-after-response` rules see of it).
    var answeredRequest: RequestFacts?
    /// The position of the backend the request went to (its `errorfile` pages and response rules), once chosen.
    var answeredBackend: Int?

    /// The server connections of this connection's event loop (taken once, used without a lock).
    var pool: ServerConnectionPool?
    /// The balancers of this connection's event loop (taken once, used without a lock).
    var balancers: LoopBalancers?
    /// The connection's addresses, formatted at its first request.
    var connectionAddresses: ConnectionAddresses?
    /// The traffic counters of this connection's event loop (taken once, used without a lock).
    var counters: CounterShard?
    /// The stick counters of the request in progress and of the connection (see `+StickCounters`).
    var stickStream: TrackedCounters?
    var stickConnection: TrackedCounters?
    /// Bytes from and to the client since the last stream's counters took theirs (`bytes_in_*`, `bytes_out_*`).
    var stickBytes = StickByteCounts()
    /// The TLS session when the bind terminates TLS (`ssl_fc` and the other TLS fetches read it).
    var tls: TLSConnectionState?
    /// The record of the transaction in progress, only when the frontend logs (see `+Log`).
    var transactionLog: TransactionLog?

    /// Moves the connection out of its channel once it has been idle for the parking delay.
    var parkTimer: MovableTimer?
    /// False on an HTTP/2 stream's channel, which has no socket options (see `H2Pipeline`).
    let onSocket: Bool

    /// `shared`: the frontend's context, resolved once per listener (or per HTTP/2 connection).
    /// `resumed`: a parked keep-alive connection taken back, which has served a request already.
    init(engine: EngineContext, shared: FrontendContext, resumed: Bool = false, onSocket: Bool = true) {
        self.onSocket = onSocket
        self.engine = engine
        self.shared = shared
        self.machine = ClientConnectionStateMachine(resumed: resumed)
    }

    /// A handler of `frontend`, its context looked up by name (for tests and callers without one).
    convenience init(engine: EngineContext, frontend: FrontendPlan, resumed: Bool = false, onSocket: Bool = true) {
        self.init(engine: engine, shared: engine.frontendContext(frontend), resumed: resumed, onSocket: onSocket)
    }

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
        pool = engine.pool(for: context.eventLoop)
        balancers = engine.balancers(for: context.eventLoop)
        counters = engine.statistics.shard(for: context.eventLoop)
        // Connection rules run once, when the connection is accepted, not again for a parked one taken back.
        if !servedOne, onSocket { stickConnection = ConnectionTracking.start(engine, frontend, context.channel) }
        logBegin(first: !servedOne)
        // A client that half-closes after its request still gets the response (see `inputClosed`).
        if onSocket { try? context.channel.syncOptions?.setOption(.allowRemoteHalfClosure, value: true) }
        armWaitTimer(context)
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        waitTimer?.cancel()
        waitTimer = nil
        parkTimer?.cancel()
        parkTimer = nil
        serverTimer?.cancel()
        serverTimer = nil
        clientTimer?.cancel()
        clientTimer = nil
        endStickCounters()
        self.context = nil
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var bytes = unwrapInboundIn(data)
        countClientBytes(bytes.readableBytes)
        if input == nil || input!.readableBytes == 0 { input = bytes } else { input!.writeBuffer(&bytes) }
        process()
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        exchange?.connection?.flush()
        context.fireChannelReadComplete()
    }

    func channelInactive(context: ChannelHandlerContext) {
        serverTimer?.cancel()
        clientTimer?.cancel()
        logClosedBeforeRequest()
        if case .abortExchange(let duringData) = machine.clientClosed(), let exchange {
            exchange.connection?.close()
            releaseServer(exchange)
            logFinish(cause: .clientAbort, phase: duringData ? .data : .headers)
            self.exchange = nil
        }
        if !servedOne, stickStream == nil { countClosedWithoutRequest() }
        endStickCounters()
        context.fireChannelInactive()
    }

    func channelWritabilityChanged(context: ChannelHandlerContext) {
        if context.channel.isWritable { exchange?.connection?.resumeReading() }
        context.fireChannelWritabilityChanged()
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        // As HAProxy's soft stop: an idle keep-alive connection closes; one just accepted still gets its first request answered.
        if event is DrainEvent, machine.closesOnDrain(bytesBuffered: (input?.readableBytes ?? 0) > 0) { closeIdleForSoftStop(context) }
        if case ChannelEvent.inputClosed = event { inputClosed(context) }
        context.fireUserInboundEventTriggered(event)
    }

    /// The client sent its FIN: a request already read is still answered, then
    /// the connection closes (in a tunnel, `ByteRelayHandler` passes it on to the server).
    private func inputClosed(_ context: ChannelHandlerContext) {
        switch machine.clientInputEnded() {
        case .awaitResponse: return
        case .abortExchange: abortClient()
        case .close: context.close(promise: nil)
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: Error) { context.close(promise: nil) }

    func read(context: ChannelHandlerContext) {
        if wantsInput || readsAhead { context.read() } else { pendingRead = true }
    }

    var clientIsWritable: Bool { context?.channel.isWritable ?? false }

    /// Whether more client bytes can be taken now (backpressure toward the server, one request at a time).
    private var wantsInput: Bool {
        machine.wantsInput(serverWritable: exchange?.connection?.isWritable)
    }

    /// Reads again if reads were held back and can go on now.
    func resumeReading() {
        guard pendingRead, wantsInput || readsAhead, let context else { return }
        pendingRead = false
        context.read()
    }

    /// Uses what was read: the next head or the body in progress.
    func process() {
        guard let context else { return }
        while true {
            switch machine.state {
            case .closing, .tunnel:
                input = nil
                return
            case .forwarding(let request, _):
                guard let exchange, request == .streaming, exchange.connection != nil else { return }
                guard forwardRequestBody(exchange) else { return }
            case .discarding:
                guard discardRequestBody() else { return }
            case .waitingHead:
                // An idle connection keeps no buffer (HAProxy releases its buffers the same way).
                guard var bytes = input, bytes.readableBytes > 0 else {
                    input = nil
                    return
                }
                // A head is parsed again only once a new line has ended (or the limit is reached), so a
                // client sending a byte at a time costs a parse per line, not per byte.
                let parser = H1HeadParser(kind: .request, limits: limits)
                let scanned = min(incompleteHeadBytes, bytes.readableBytes)
                guard bytes.readableBytes >= parser.headLimit
                        || bytes.readableBytesView.dropFirst(scanned).contains(H1Bytes.lf) else {
                    incompleteHeadBytes = bytes.readableBytes
                    if machine.headIncomplete() { startNextRequestWait() }
                    return
                }
                switch bytes.withUnsafeReadableBytes({ parser.parse($0) }) {
                case .incomplete:
                    incompleteHeadBytes = bytes.readableBytes
                    if machine.headIncomplete() { startNextRequestWait() }
                    return
                case .invalid(let error):
                    countInvalidRequest()
                    logUpdate { $0.end(.proxy, .request) }
                    let status = machine.headInvalid(unsupportedTransferCoding: error == .unsupportedTransferCoding)
                    return sendError(status, context, close: true)
                case .complete(let head):
                    incompleteHeadBytes = 0
                    // A form posted to the stats page is read whole first (the head is parsed again when more comes).
                    if statsBodyIncomplete(head, bytes) { return }
                    machine.headComplete()
                    waitTimer?.stop()
                    startRequest(head, &bytes, context)
                }
            }
        }
    }

    /// Passes request body bytes to the server; false when it must wait for more.
    private func forwardRequestBody(_ exchange: ServerExchange) -> Bool {
        guard var bytes = input else { return false }
        defer { input = bytes.readableBytes > 0 ? bytes : nil }
        while true {
            let step: H1BodyFramer.Step
            do {
                step = try exchange.requestFramer.next(&bytes)
            } catch {
                abortExchange(status: machine.requestBodyInvalid())
                return false
            }
            switch step {
            case .forward(let piece):
                counters?.countForwarded(backend: exchange.backendIndex, server: exchange.server, piece.readableBytes)
                if exchange.keepsReplay { keepForReplay(piece, exchange) }
                exchange.connection?.write(piece)
                // Writing to the server is activity on its side: `timeout server` counts from here.
                armServerTimer(exchange)
                armClientTimer(exchange)
            case .needMore:
                return false
            case .end:
                machine.requestBodyEnded()
                clientTimer?.stop()
                exchange.connection?.flush()
                return false
            }
        }
    }

    /// Drops the body of a request answered here; true once it ended (the next request may follow).
    private func discardRequestBody() -> Bool {
        guard var bytes = input, var framer = discardFramer else { return false }
        defer {
            input = bytes.readableBytes > 0 ? bytes : nil
            if machine.state == .discarding { discardFramer = framer }
        }
        while true {
            switch try? framer.next(&bytes) {
            case .forward?: continue
            case .needMore?: return false
            case .end?:
                machine.discardedBodyEnded()
                discardFramer = nil
                return true
            case nil:
                // A body that breaks the framing cannot be told from the next request.
                if let context { closeAfterWrites(context) }
                return false
            }
        }
    }

    /// A complete head: routes it, then answers it here or starts forwarding it.
    private func startRequest(_ head: H1Head, _ bytes: inout ByteBuffer, _ context: ChannelHandlerContext) {
        if head.connectionUpgrade, head.upgradeWebSocket,
           !(head.firstField(named: "sec-websocket-key", in: bytes).map { head.fields[$0].value.count == 24 } ?? false) {
            return sendError(400, context, close: true)
        }
        var facts = requestFacts(head, bytes, context)
        logRequest(head, bytes, facts)
        if shared.hasContentRules {
            // `tcp-request content` rules run before each request's HTTP rules; a reject closes without an answer.
            let verdict = engine.router.tcpVerdict(frontend, stages: [.content], facts)
            guard verdict.accepted else { return context.close(promise: nil) }
            facts = verdict.facts
        }
        if let monitor = shared.monitor, facts.target == monitor.uri {
            bytes.moveReaderIndex(forwardBy: head.length)
            input = bytes
            let keepAlive = clientKeepAlive(head)
            return answer(MonitorAnswer.response(monitor, facts, evaluator: engine.router.evaluator, closing: !keepAlive),
                          keepOpen: keepAlive, discarding: head.requestBody)
        }
        facts.stickCounters = beginStickStream()
        countRequest()
        if let page = shared.statsPage, let request = page.intercepts(method: facts.method, path: facts.path, target: facts.target) {
            return answerStats(page, request, head, &bytes, facts, context)
        }
        if let exporter = shared.prometheus, exporter.plan.condition.map({ exporter.evaluator.evaluate($0, facts) }) ?? true {
            return answerMetrics(head, &bytes, facts, context)
        }
        let decision = engine.router.route(frontend, facts, tracing: false, targets: shared.backendTargets)
        keepScopedVariables(decision.request)
        // Kept only for the `http-after-response` rules that read it: a copy retains each of its fields.
        if shared.hasAfterResponseRules(backendIndex: decision.backendIndex) { answeredRequest = decision.request }
        logRouted(decision.request)
        answeredBackend = decision.backendIndex
        let keepAlive = clientKeepAlive(head)
        switch decision.outcome {
        case .respond(let status, let contentType, let text, let headers, let denied):
            bytes.moveReaderIndex(forwardBy: head.length)
            input = bytes
            if denied { countDenied() }
            logUpdate { $0.end(denied ? .proxy : .local, .request) }
            if denied && text == nil && headers.isEmpty {
                return answerPage(status, file: nil, context, close: !keepAlive, discarding: head.requestBody)
            }
            let fields = contentType.map { [("content-type", $0)] } ?? []
            answer(ErrorPages.local(status, leading: headers.map { ($0.name, $0.value) }, headers: fields, body: text,
                                    closing: !keepAlive), keepOpen: keepAlive, discarding: head.requestBody)
        case .page(let status, let file, let denied):
            bytes.moveReaderIndex(forwardBy: head.length)
            input = bytes
            if denied { countDenied() }
            logUpdate { $0.end(denied ? .proxy : .local, .request) }
            answerPage(status, file: file, context, close: !keepAlive, discarding: head.requestBody)
        case .redirect(let status, let location, let cookie):
            bytes.moveReaderIndex(forwardBy: head.length)
            input = bytes
            // HAProxy closes after a redirect of a request that has a body.
            let closing = !keepAlive || head.requestBody != .none
            logUpdate { $0.end(.local, .request) }
            answer(ErrorPages.local(status, headers: ErrorPages.redirectFields(status, location: location, cookie: cookie),
                                    body: nil, closing: closing), keepOpen: !closing)
        case .reject:
            return context.close(promise: nil)
        case .noBackend:
            bytes.moveReaderIndex(forwardBy: head.length)
            input = bytes
            sendError(503, context, close: !keepAlive, discarding: head.requestBody)
        case .backend:
            guard let index = decision.backendIndex else {
                bytes.moveReaderIndex(forwardBy: head.length)
                input = bytes
                return sendError(503, context, close: !keepAlive, discarding: head.requestBody)
            }
            logUpdate { $0.backend = index }
            var request = decision.request
            let persistence = resolvePersistence(&request, backend: index)
            var edits = requestEdits(head, bytes, request, backend: index, keepAlive: keepAlive)
            let compression = requestCompression(head, bytes, request, backend: index, edits: &edits)
            let forwarded = H1HeadWriter.write(head, from: bytes, edits: edits, kind: .request)
            bytes.moveReaderIndex(forwardBy: head.length)
            input = bytes
            let exchange = ServerExchange(backendIndex: index, head: forwarded, request: request, method: head.method,
                                          requestBody: head.requestBody, requestIsHTTP11: head.isHTTP11,
                                          requestUpgrade: head.connectionUpgrade, clientKeepAlive: keepAlive,
                                          attempts: engine.plan.backends[index].retries + 1, limit: limits.bufferSize,
                                          timeouts: engine.backendTimeouts[index].overridden(by: request.timeouts))
            exchange.persistence = persistence
            exchange.compression = compression
            self.exchange = exchange
            machine.requestForwarded(bodyComplete: head.requestBody == .none)
            armClientTimer(exchange)
            acquireServer(exchange)
        }
    }

    /// Waits for the next request: `timeout http-request` for the first
    /// (408 when it expires), `timeout http-keep-alive` between requests
    /// (closed silently), `timeout client` when neither is set.
    func armWaitTimer(_ context: ChannelHandlerContext) {
        guard let wait = servedOne ? shared.keepAliveWait : shared.requestWait else { return }
        if waitTimer == nil {
            waitTimer = MovableTimer(on: context.eventLoop) { [weak self] in self?.waitExpired() }
        }
        waitTimer?.start(wait)
    }

    /// As HAProxy: once a next request begins, its head has the request wait from its first byte
    /// (switched to only while the head is incomplete: a whole head stops the wait anyway).
    private func startNextRequestWait() {
        guard let context, let wait = shared.requestWait else {
            waitTimer?.stop()
            return
        }
        if waitTimer == nil {
            waitTimer = MovableTimer(on: context.eventLoop) { [weak self] in self?.waitExpired() }
        }
        waitTimer?.start(wait)
    }

    private func waitExpired() {
        guard let context else { return }
        switch machine.waitExpired(bytesBuffered: (input?.readableBytes ?? 0) > 0) {
        case .none: return
        case .closeAfterWrites: closeAfterWrites(context)
        case .requestTimeout:
            logHeadAwaitEnded(.clientTimeout)
            sendError(408, context, close: true)
        case .closeSilently: context.close(promise: nil)
        }
    }

    /// Closes once what was written is sent: the output first, then the whole
    /// connection after a short linger that reads and drops what the client
    /// still sends, so its unread bytes do not reset the connection before it
    /// has read the answer (HAProxy lingers the same way).
    func closeAfterWrites(_ context: ChannelHandlerContext) {
        machine.closing()
        input = nil
        waitTimer?.cancel()
        let channel = context.channel
        // An HTTP/2 stream has no socket of its own to linger on.
        let lingers = !clientInputClosed && onSocket
        context.writeAndFlush(NIOAny(ByteBuffer())).assumeIsolated().whenComplete { _ in
            guard lingers else { return channel.close(promise: nil) }
            channel.close(mode: .output, promise: nil)
            channel.eventLoop.assumeIsolated().scheduleTask(in: .seconds(1)) { channel.close(promise: nil) }
        }
        resumeReading()
    }

    /// Writes a response made here and goes on with the next request or closes.
    /// The body of a request answered here is read and dropped first, as HAProxy does.
    func answer(_ response: ByteBuffer, keepOpen: Bool, discarding body: H1BodyKind = .none) {
        guard let context else { return }
        logUpdate { log in
            // HAProxy's HTTP/1 layer answers a head it could not read (400, 408) without a stream: `%B` stays 0.
            if log.requestMs >= 0 { log.bytesOut += Int64(MessageSize.of(response: response)) }
            log.status = response.getString(at: response.readerIndex + 9, length: 3).flatMap { Int($0) } ?? 0
        }
        countLocalResponse(status: response.getString(at: response.readerIndex + 9, length: 3).flatMap { Int($0) },
                           bytes: response.readableBytes)
        context.writeAndFlush(NIOAny(afterResponseRules(response)), promise: nil)
        finishRequest(keepOpen: keepOpen)
        if keepOpen, body != .none, machine.discardBody() {
            discardFramer = H1BodyFramer(body, limit: limits.bufferSize)
        }
    }

    /// Writes an error page; 400, 408 and 422 always close the connection, the others only when asked.
    func sendError(_ status: Int, _ context: ChannelHandlerContext, close: Bool, discarding body: H1BodyKind = .none) {
        let closing = close || ErrorPages.closesConnection(status)
        stickStream?.countResponse(status: status)
        if let (page, closes) = errorFilePage(status, closing: closing) {
            return answer(page, keepOpen: !closes, discarding: body)
        }
        answer(ErrorPages.response(status, closing: closing), keepOpen: !closing, discarding: body)
    }

    /// The exchange is over: close, or wait for the next request (which may already be buffered).
    func finishRequest(keepOpen: Bool) {
        guard let context else { return }
        let idleClose = engine.connections.isDraining ? engine.softStopClose.idleClose() : nil
        let next = machine.exchangeEnded(keepOpen: keepOpen, draining: idleClose == .now)
        logFinish()
        exchange = nil
        endStickStream()
        answeredRequest = nil
        answeredBackend = nil
        guard next == .awaitNextRequest else { return closeAfterWrites(context) }
        if let idleClose { scheduleSoftStopClose(idleClose, context) }
        logBegin(first: false)
        armWaitTimer(context)
        if (input?.readableBytes ?? 0) > 0 {
            context.eventLoop.assumeIsolated().execute { [weak self] in self?.process() }
        } else {
            input = nil
            armParkTimer(context)
        }
        resumeReading()
    }
}
