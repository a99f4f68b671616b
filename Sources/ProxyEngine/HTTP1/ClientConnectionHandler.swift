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

    /// Where the connection is in its request/response cycle.
    enum Phase {
        /// Reading a request head.
        case waitingHead
        /// A request is forwarded (its body may still be arriving) and its response awaited.
        case forwarding
        /// The body of a request answered here is read and dropped.
        case discarding
        /// Answered and closing: nothing more is read.
        case closing
    }

    let engine: EngineContext
    /// What every connection of the frontend shares, resolved once when the engine starts.
    let shared: FrontendContext
    var frontend: FrontendPlan { shared.plan }
    var limits: H1Limits { engine.limits }
    var context: ChannelHandlerContext?
    var phase = Phase.waitingHead
    /// Bytes read and not yet used.
    var input: ByteBuffer?
    /// Whether reading was held back when the channel asked for a read.
    private var pendingRead = false
    /// How many bytes of an incomplete head were already looked at.
    private var incompleteHeadBytes = 0
    /// The client half-closed: nothing more will come after the request in progress.
    private(set) var clientInputClosed = false
    var servedOne = false
    /// Waits for the next request (see `armWaitTimer`).
    private var waitTimer: MovableTimer?
    private var waitingForFirst = true
    /// The exchange with a server, while `phase` is `.forwarding`.
    var exchange: ServerExchange?
    /// The body being dropped while `phase` is `.discarding`.
    private var discardFramer: H1BodyFramer?
    /// `timeout server` while a response is awaited or streamed; made at the first
    /// forwarded request, so a connection answered locally never has one.
    var serverTimer: MovableTimer?

    /// The server connections of this connection's event loop (taken once, used without a lock).
    var pool: ServerConnectionPool?
    /// The record of the transaction in progress, only when the frontend logs (see `+Log`).
    var transactionLog: TransactionLog?

    /// Moves the connection out of its channel once it has been idle for the parking delay.
    var parkTimer: MovableTimer?

    /// `resumed`: a parked keep-alive connection taken back, which has served a request already.
    init(engine: EngineContext, frontend: FrontendPlan, resumed: Bool = false) {
        self.engine = engine
        self.shared = engine.frontendContext(frontend)
        self.servedOne = resumed
    }

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
        pool = engine.pool(for: context.eventLoop)
        logBegin(first: !servedOne)
        // A client that half-closes after its request still gets the response (see `inputClosed`).
        try? context.channel.syncOptions?.setOption(.allowRemoteHalfClosure, value: true)
        armWaitTimer(context)
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        waitTimer?.cancel()
        waitTimer = nil
        parkTimer?.cancel()
        parkTimer = nil
        serverTimer?.cancel()
        serverTimer = nil
        self.context = nil
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var bytes = unwrapInboundIn(data)
        if input == nil || input!.readableBytes == 0 { input = bytes } else { input!.writeBuffer(&bytes) }
        process()
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        exchange?.connection?.flush()
        context.fireChannelReadComplete()
    }

    func channelInactive(context: ChannelHandlerContext) {
        serverTimer?.cancel()
        if let exchange {
            exchange.connection?.close()
            releaseServer(exchange)
            logFinish(cause: .clientAbort, phase: exchange.responseStarted ? .data : .headers)
            self.exchange = nil
        }
        phase = .closing
        context.fireChannelInactive()
    }

    func channelWritabilityChanged(context: ChannelHandlerContext) {
        if context.channel.isWritable { exchange?.connection?.resumeReading() }
        context.fireChannelWritabilityChanged()
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if event is DrainEvent, phase == .waitingHead, (input?.readableBytes ?? 0) == 0 { context.close(promise: nil) }
        if case ChannelEvent.inputClosed = event { inputClosed(context) }
        context.fireUserInboundEventTriggered(event)
    }

    /// The client sent its FIN: a request already read is still answered, then
    /// the connection closes (in a tunnel, `ByteRelayHandler` passes it on to the server).
    private func inputClosed(_ context: ChannelHandlerContext) {
        clientInputClosed = true
        switch phase {
        case .forwarding where exchange?.requestComplete == true:
            return
        case .forwarding:
            abortClient()
        case .waitingHead, .discarding, .closing:
            context.close(promise: nil)
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: Error) { context.close(promise: nil) }

    func read(context: ChannelHandlerContext) {
        if wantsInput { context.read() } else { pendingRead = true }
    }

    var clientIsWritable: Bool { context?.channel.isWritable ?? false }

    /// Whether more client bytes can be taken now (backpressure toward the server, one request at a time).
    private var wantsInput: Bool {
        switch phase {
        case .waitingHead, .discarding: return true
        case .forwarding:
            guard let exchange, !exchange.requestComplete, let connection = exchange.connection else { return false }
            return connection.isWritable
        case .closing: return true
        }
    }

    /// Reads again if reads were held back and can go on now.
    func resumeReading() {
        guard pendingRead, wantsInput, let context else { return }
        pendingRead = false
        context.read()
    }

    /// Uses what was read: the next head or the body in progress.
    func process() {
        guard let context else { return }
        while true {
            switch phase {
            case .closing:
                input = nil
                return
            case .forwarding:
                guard let exchange, !exchange.requestComplete, exchange.connection != nil else { return }
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
                    return
                }
                switch bytes.withUnsafeReadableBytes({ parser.parse($0) }) {
                case .incomplete:
                    incompleteHeadBytes = bytes.readableBytes
                    return
                case .invalid(let error):
                    logUpdate { $0.end(.proxy, .request) }
                    return sendError(error == .unsupportedTransferCoding ? 422 : 400, context, close: true)
                case .complete(let head):
                    incompleteHeadBytes = 0
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
                abortExchange(status: 400)
                return false
            }
            switch step {
            case .forward(let piece):
                exchange.connection?.write(piece)
                // Writing to the server is activity on its side: `timeout server` counts from here.
                armServerTimer(exchange)
            case .needMore:
                return false
            case .end:
                exchange.requestComplete = true
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
            if phase == .discarding { discardFramer = framer }
        }
        while true {
            switch try? framer.next(&bytes) {
            case .forward?: continue
            case .needMore?: return false
            case .end?:
                phase = .waitingHead
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
        let facts = requestFacts(head, bytes, context)
        logRequest(head, bytes, facts)
        if let reply = shared.statsGate?.answer(method: facts.method, path: facts.path, target: facts.target,
                                         authorization: facts.fullHeaderValues("authorization").first, http11: head.isHTTP11) {
            bytes.moveReaderIndex(forwardBy: head.length)
            input = bytes
            logUpdate {
                $0.applet = "<STATS>"
                $0.end(.local, .request)
            }
            return answer(reply, keepOpen: false)
        }
        let decision = engine.router.route(frontend, facts, tracing: false)
        let keepAlive = clientKeepAlive(head)
        switch decision.outcome {
        case .respond(let status, let contentType, let text, let headers, let denied):
            bytes.moveReaderIndex(forwardBy: head.length)
            input = bytes
            logUpdate { $0.end(denied ? .proxy : .local, .request) }
            if denied { return sendError(status, context, close: !keepAlive, discarding: head.requestBody) }
            var fields = headers.map { ($0.name, $0.value) }
            if let contentType { fields.append(("content-type", contentType)) }
            answer(ErrorPages.local(status, headers: fields, body: text, closing: !keepAlive), keepOpen: keepAlive,
                   discarding: head.requestBody)
        case .redirect(let status, let location):
            bytes.moveReaderIndex(forwardBy: head.length)
            input = bytes
            // HAProxy closes after a redirect of a request that has a body.
            let closing = !keepAlive || head.requestBody != .none
            logUpdate { $0.end(.local, .request) }
            answer(ErrorPages.local(status, headers: [("location", location), ("cache-control", "no-cache")], body: nil,
                                    closing: closing), keepOpen: !closing)
        case .noBackend:
            bytes.moveReaderIndex(forwardBy: head.length)
            input = bytes
            sendError(503, context, close: !keepAlive, discarding: head.requestBody)
        case .backend(let name):
            guard let index = engine.backendIndex(named: name) else {
                bytes.moveReaderIndex(forwardBy: head.length)
                input = bytes
                return sendError(503, context, close: !keepAlive, discarding: head.requestBody)
            }
            logUpdate { $0.backend = index }
            let edits = requestEdits(head, bytes, decision.request, backend: index, keepAlive: keepAlive)
            let forwarded = H1HeadWriter.write(head, from: bytes, edits: edits, kind: .request)
            bytes.moveReaderIndex(forwardBy: head.length)
            input = bytes
            let exchange = ServerExchange(backendIndex: index, head: forwarded, request: decision.request, method: head.method,
                                          requestBody: head.requestBody, requestIsHTTP11: head.isHTTP11,
                                          requestUpgrade: head.connectionUpgrade, clientKeepAlive: keepAlive,
                                          attempts: engine.plan.backends[index].retries + 1, limit: limits.bufferSize,
                                          timeouts: engine.backendTimeouts[index])
            self.exchange = exchange
            phase = .forwarding
            acquireServer(exchange)
        }
    }

    /// Waits for the next request: `timeout http-request` for the first
    /// (408 when it expires), `timeout http-keep-alive` between requests
    /// (closed silently), `timeout client` when neither is set.
    func armWaitTimer(_ context: ChannelHandlerContext) {
        guard let wait = servedOne ? shared.keepAliveWait : shared.requestWait else { return }
        waitingForFirst = !servedOne
        if waitTimer == nil {
            waitTimer = MovableTimer(on: context.eventLoop) { [weak self] in self?.waitExpired() }
        }
        waitTimer?.start(wait)
    }

    private func waitExpired() {
        guard let context else { return }
        if phase == .discarding { return closeAfterWrites(context) }
        guard phase == .waitingHead else { return }
        if waitingForFirst || (input?.readableBytes ?? 0) > 0 {
            logUpdate { $0.end(.clientTimeout, .request) }
            sendError(408, context, close: true)
        } else {
            context.close(promise: nil)
        }
    }

    /// Closes once what was written is sent: the output first, then the whole
    /// connection after a short linger that reads and drops what the client
    /// still sends, so its unread bytes do not reset the connection before it
    /// has read the answer (HAProxy lingers the same way).
    func closeAfterWrites(_ context: ChannelHandlerContext) {
        phase = .closing
        input = nil
        waitTimer?.cancel()
        let channel = context.channel
        let lingers = !clientInputClosed
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
            log.bytesOut += Int64(MessageSize.of(response: response))
            log.status = response.getString(at: response.readerIndex + 9, length: 3).flatMap { Int($0) } ?? 0
        }
        context.writeAndFlush(NIOAny(response), promise: nil)
        finishRequest(keepOpen: keepOpen)
        if keepOpen, body != .none, phase == .waitingHead {
            discardFramer = H1BodyFramer(body, limit: limits.bufferSize)
            phase = .discarding
        }
    }

    /// Writes an error page; 400, 408 and 422 always close the connection, the others only when asked.
    func sendError(_ status: Int, _ context: ChannelHandlerContext, close: Bool, discarding body: H1BodyKind = .none) {
        let closing = close || ErrorPages.closesConnection(status)
        answer(ErrorPages.response(status, closing: closing), keepOpen: !closing, discarding: body)
    }

    /// The exchange is over: close, or wait for the next request (which may already be buffered).
    func finishRequest(keepOpen: Bool) {
        guard let context else { return }
        servedOne = true
        logFinish()
        exchange = nil
        guard keepOpen, !engine.connections.isDraining, !clientInputClosed else { return closeAfterWrites(context) }
        logBegin(first: false)
        phase = .waitingHead
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
