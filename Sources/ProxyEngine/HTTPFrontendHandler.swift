import NIOCore
import NIOHTTP1
import RuntimePlan

/// One client connection of an HTTP frontend: reads a request, routes it,
/// forwards it to a server (or answers it), streams the response back, and
/// keeps the connection for the next request.
final class HTTPFrontendHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    let engine: EngineContext
    let frontend: FrontendPlan
    private var head: HTTPRequestHead?
    private var body: ByteBuffer?
    private var busy = false
    private var servedOne = false
    private var pending: [HTTPServerRequestPart] = []
    /// Waits for the next request (see `armWaitTimer`).
    private var waitTimer: MovableTimer?
    /// Whether the running wait is for the connection's first request (408 when it expires).
    private var waitingForFirst = true
    private var context: ChannelHandlerContext?
    /// The request being forwarded; held here so it lives until its response ends.
    private var exchange: HTTPExchange?

    init(engine: EngineContext, frontend: FrontendPlan) {
        self.engine = engine
        self.frontend = frontend
    }

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
        armWaitTimer(context)
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        waitTimer?.cancel()
        waitTimer = nil
        self.context = nil
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let part = unwrapInboundIn(data)
        if busy {
            pending.append(part)
            return
        }
        switch part {
        case .head(let requestHead):
            waitTimer?.stop()
            if WebSocketHandshake.isHandshake(requestHead.headers),
               !WebSocketHandshake.requestHasKey(requestHead.headers) {
                return sendError(400, context, close: true)
            }
            head = requestHead
            body = nil
        case .body(var chunk):
            if body == nil { body = chunk } else { body!.writeBuffer(&chunk) }
        case .end:
            guard let requestHead = head else { return }
            busy = true
            process(requestHead, body, context)
        }
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if event is DrainEvent, !busy, head == nil { context.close(promise: nil) }
        context.fireUserInboundEventTriggered(event)
    }

    func errorCaught(context: ChannelHandlerContext, error: Error) {
        if error is HTTPParserError, !busy {
            sendError(400, context, close: true)
        } else {
            context.close(promise: nil)
        }
    }

    /// Waits for the next request: `timeout http-request` for the first
    /// (408 when it expires), `timeout http-keep-alive` between requests
    /// (closed silently), `timeout client` when neither is set. One timer
    /// serves the whole connection: each request only moves its deadline.
    private func armWaitTimer(_ context: ChannelHandlerContext) {
        let request = frontend.timeoutsMs["http-request"] ?? frontend.timeoutsMs["client"]
        let wait = servedOne ? (frontend.timeoutsMs["http-keep-alive"] ?? request) : request
        guard let wait else { return }
        waitingForFirst = !servedOne
        if waitTimer == nil {
            waitTimer = MovableTimer(on: context.eventLoop) { [weak self] in self?.waitExpired() }
        }
        waitTimer?.start(.milliseconds(Int64(wait)))
    }

    private func waitExpired() {
        guard let context, !busy else { return }
        if waitingForFirst || head != nil { sendError(408, context, close: true) } else { context.close(promise: nil) }
    }

    private func process(_ requestHead: HTTPRequestHead, _ body: ByteBuffer?, _ context: ChannelHandlerContext) {
        // The channel keeps its addresses; the context's ask the kernel on every request.
        let client = context.channel.remoteAddress, local = context.channel.localAddress
        let facts = RequestFacts(
            method: requestHead.method.rawValue, target: requestHead.uri,
            version: "\(requestHead.version.major).\(requestHead.version.minor)",
            headers: requestHead.headers.map { HTTPHeaderField(name: $0.name, value: $0.value) },
            source: client?.ipAddress, sourcePort: client?.port,
            destination: local?.ipAddress, destinationPort: local?.port, tls: false)
        let decision = engine.router.route(frontend, facts)
        let keepAlive = requestHead.isKeepAlive && !frontend.options.httpClose && !engine.connections.isDraining
        switch decision.outcome {
        case .respond(let status, let contentType, let text, let headers, let denied):
            if denied {
                sendError(status, context, close: !keepAlive, version: requestHead.version)
            } else {
                var fields = HTTPHeaders(headers.map { ($0.name, $0.value) })
                if let contentType { fields.replaceOrAdd(name: "content-type", value: contentType) }
                respond(status, fields, text.map { ByteBuffer(string: $0) }, keepAlive, requestHead.version, context)
            }
        case .redirect(let status, let location):
            var fields = HTTPHeaders()
            fields.add(name: "location", value: location)
            respond(status, fields, nil, keepAlive, requestHead.version, context)
        case .noBackend:
            sendError(503, context, close: !keepAlive, version: requestHead.version)
        case .backend(let name):
            guard let index = engine.backendIndex(named: name) else {
                sendError(503, context, close: !keepAlive, version: requestHead.version)
                return
            }
            let exchange = HTTPExchange(engine: engine, frontend: frontend, backendIndex: index, clientHead: requestHead,
                                        request: decision.request, body: body, clientKeepAlive: keepAlive,
                                        client: context, eventLoop: context.eventLoop)
            exchange.onFinished = { [weak self] keepOpen in self?.finish(keepOpen: keepOpen) }
            self.exchange = exchange
            exchange.start()
        }
    }

    private func respond(_ status: Int, _ headers: HTTPHeaders, _ body: ByteBuffer?, _ keepAlive: Bool, _ version: HTTPVersion,
                         _ context: ChannelHandlerContext) {
        var fields = headers
        fields.replaceOrAdd(name: "content-length", value: String(body?.readableBytes ?? 0))
        if !keepAlive { fields.replaceOrAdd(name: "connection", value: "close") }
        context.write(wrapOutboundOut(.head(HTTPResponseHead(version: version, status: HTTPResponseStatus(statusCode: status),
                                                              headers: fields))), promise: nil)
        if let body { context.write(wrapOutboundOut(.body(.byteBuffer(body))), promise: nil) }
        context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
        finish(keepOpen: keepAlive)
    }

    /// Writes an error page; 400 and 408 always close the connection, the others only when asked.
    private func sendError(_ status: Int, _ context: ChannelHandlerContext, close: Bool, version: HTTPVersion = .http1_1) {
        let closing = close || ErrorPages.closesConnection(status)
        let (responseHead, page) = ErrorPages.response(status, version: version, closing: closing)
        context.write(wrapOutboundOut(.head(responseHead)), promise: nil)
        context.write(wrapOutboundOut(.body(.byteBuffer(page))), promise: nil)
        let written = context.writeAndFlush(wrapOutboundOut(.end(nil)))
        guard closing else { return finish(keepOpen: true) }
        busy = true
        written.assumeIsolated().whenComplete { _ in context.close(promise: nil) }
    }

    /// The response is complete: close, or wait for the next request.
    private func finish(keepOpen: Bool) {
        guard let context else { return }
        busy = false
        exchange = nil
        head = nil
        body = nil
        servedOne = true
        guard keepOpen, !engine.connections.isDraining else {
            context.close(promise: nil)
            return
        }
        armWaitTimer(context)
        let queued = pending
        pending = []
        for part in queued { channelRead(context: context, data: NIOAny(part)) }
    }
}
