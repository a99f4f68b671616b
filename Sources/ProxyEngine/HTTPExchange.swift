import NIOCore
import NIOHTTP1
import RuntimePlan

/// One request forwarded to a server: takes a server from the backend
/// (waiting in its queue if needed), connects or reuses a pooled
/// connection, retries as `retries`/`option redispatch` say, and streams the
/// response to the client. Lives on the client's event loop.
final class HTTPExchange {
    let engine: EngineContext
    let frontend: FrontendPlan
    let backendIndex: Int
    let clientHead: HTTPRequestHead
    let request: RequestFacts
    let body: ByteBuffer?
    let clientKeepAlive: Bool
    let client: ChannelHandlerContext
    let eventLoop: EventLoop
    /// Called once with whether the client connection stays open.
    var onFinished: ((Bool) -> Void)?

    private var backend: BackendState { engine.backends[backendIndex] }
    private var attemptsLeft: Int
    private var excluded: Set<Int> = []
    private var server: Int?
    private var connection: UpstreamConnection?
    private var responseStarted = false
    private var serverWantsClose = false
    /// `timeout server`: the longest silence from the server while a response is awaited or streamed.
    private lazy var serverTimer = MovableTimer(on: eventLoop) { [weak self] in self?.serverTimedOut() }
    private var done = false
    /// A 101 response head was sent to the client; the tunnel opens at its end.
    private var upgrading = false

    init(engine: EngineContext, frontend: FrontendPlan, backendIndex: Int, clientHead: HTTPRequestHead, request: RequestFacts,
         body: ByteBuffer?, clientKeepAlive: Bool, client: ChannelHandlerContext, eventLoop: EventLoop) {
        self.engine = engine
        self.frontend = frontend
        self.backendIndex = backendIndex
        self.clientHead = clientHead
        self.request = request
        self.body = body
        self.clientKeepAlive = clientKeepAlive
        self.client = client
        self.eventLoop = eventLoop
        self.attemptsLeft = engine.plan.backends[backendIndex].retries + 1
    }

    private var plan: BackendPlan { engine.plan.backends[backendIndex] }

    func start() {
        backend.acquire(for: request, excluding: excluded, on: eventLoop).assumeIsolated().whenComplete { result in
            switch result {
            case .success(let index):
                self.server = index
                self.connect(index, fresh: false)
            case .failure:
                self.fail(503)
            }
        }
    }

    private func connect(_ index: Int, fresh: Bool) {
        let serverPlan = plan.servers[index]
        let pool = engine.pool(for: eventLoop)
        let key = ServerKey(backend: backendIndex, server: index)
        let connectTimeout = TimeAmount.milliseconds(Int64(plan.timeoutsMs["connect"] ?? 5000))
        let endpoint = serverPlan.address.forClient(destinationPort: request.destinationPort)
        // A server without a port follows the client's port: its idle connections are not interchangeable.
        pool.connection(to: key, endpoint: endpoint, connectTimeout: connectTimeout,
                        reuse: !fresh && endpoint == serverPlan.address) { result in
            switch result {
            case .success(let connection): self.send(on: connection)
            case .failure: self.retry(after: index)
            }
        }
    }

    /// A connection attempt failed: try again (on another server with
    /// `option redispatch`), or answer 503 when the retries are spent.
    private func retry(after index: Int) {
        attemptsLeft -= 1
        guard attemptsLeft > 0 else {
            release()
            fail(503)
            return
        }
        guard plan.redispatch, plan.servers.count > 1 else {
            connect(index, fresh: true)
            return
        }
        release()
        excluded.insert(index)
        backend.acquire(for: request, excluding: excluded, on: eventLoop).assumeIsolated().whenComplete { result in
            switch result {
            case .success(let next):
                self.server = next
                self.connect(next, fresh: true)
            case .failure:
                self.fail(503)
            }
        }
    }

    private func send(on connection: UpstreamConnection) {
        self.connection = connection
        connection.responseSink = { [weak self] event in self?.handle(event) }
        let head = HTTPRequestHead(version: .http1_1, method: clientHead.method, uri: clientHead.uri,
                                   headers: forwardedHeaders())
        let channel = connection.channel
        channel.write(HTTPClientRequestPart.head(head), promise: nil)
        if let body, body.readableBytes > 0 { channel.write(HTTPClientRequestPart.body(.byteBuffer(body)), promise: nil) }
        channel.writeAndFlush(HTTPClientRequestPart.end(nil), promise: nil)
        armServerTimer()
    }

    /// The headers sent to the server: the request's after the rules, the
    /// hop-by-hop ones replaced, `X-Forwarded-For` added with `option forwardfor`.
    private func forwardedHeaders() -> HTTPHeaders {
        var headers = HTTPHeaders(request.headers.map { ($0.name, $0.value) })
        let upgrade = headers.contains(name: "upgrade")
        headers.remove(name: "connection")
        headers.remove(name: "keep-alive")
        headers.remove(name: "proxy-connection")
        if upgrade { headers.add(name: "connection", value: "upgrade") }
        else if closesServer { headers.add(name: "connection", value: "close") }
        if let forward = plan.options.forwardFor ?? frontend.options.forwardFor, let source = request.source {
            let excepted = forward.except.flatMap(NetworkPattern.init).map { network in
                IPAddressBytes(source).map(network.contains) ?? false
            } ?? false
            if !excepted, !(forward.ifNone && headers.contains(name: forward.header)) {
                headers.add(name: forward.header, value: source)
            }
        }
        return headers
    }

    private var closesServer: Bool {
        plan.options.httpServerClose || frontend.options.httpServerClose || plan.options.httpClose || frontend.options.httpClose
    }

    /// Starts or extends `timeout server` from now (each response part only moves the deadline).
    private func armServerTimer() {
        guard let limit = plan.timeoutsMs["server"] else { return }
        serverTimer.start(.milliseconds(Int64(limit)))
    }

    private func serverTimedOut() {
        guard !done else { return }
        connection?.channel.close(promise: nil)
        connection = nil
        release()
        if responseStarted { abortClient() } else { fail(504) }
    }

    private func cancelServerTimer() { serverTimer.cancel() }

    private func handle(_ event: UpstreamEvent) {
        guard !done else { return }
        switch event {
        case .part(.head(let head)) where head.status == .switchingProtocols && WebSocketHandshake.isHandshake(head.headers)
                && !WebSocketHandshake.responseHasAccept(head.headers):
            cancelServerTimer()
            connection?.channel.close(promise: nil)
            connection = nil
            release()
            fail(502)
        case .part(.head(let head)) where head.status == .switchingProtocols:
            cancelServerTimer()
            upgrading = true
            var clientHead = head
            clientHead.version = self.clientHead.version
            client.writeAndFlush(NIOAny(HTTPServerResponsePart.head(clientHead)), promise: nil)
        case .part(.end) where upgrading:
            // The decoders are done with the 101 response: only now may they leave the pipelines.
            openTunnel()
        case .part(.head(var head)):
            armServerTimer()
            responseStarted = true
            serverWantsClose = !head.isKeepAlive
            head.headers.remove(name: "connection")
            head.headers.remove(name: "keep-alive")
            if !clientKeepAlive { head.headers.add(name: "connection", value: "close") }
            head.version = clientHead.version
            client.write(NIOAny(HTTPServerResponsePart.head(head)), promise: nil)
        case .part(.body(let chunk)):
            armServerTimer()
            client.writeAndFlush(NIOAny(HTTPServerResponsePart.body(.byteBuffer(chunk))), promise: nil)
        case .part(.end(let trailers)):
            cancelServerTimer()
            done = true
            client.writeAndFlush(NIOAny(HTTPServerResponsePart.end(trailers)), promise: nil)
            if let connection {
                if serverWantsClose || closesServer { connection.channel.close(promise: nil) }
                else { engine.pool(for: eventLoop).putBack(connection) }
            }
            connection = nil
            release()
            onFinished?(clientKeepAlive)
        case .closed, .error:
            cancelServerTimer()
            connection = nil
            if responseStarted {
                release()
                abortClient()
            } else if let server, attemptsLeft > 0 {
                // A pooled connection the server had already closed: try a fresh one.
                attemptsLeft -= 1
                connect(server, fresh: true)
            } else {
                release()
                fail(502)
            }
        }
    }

    /// Splices the two connections after a 101; the server stays counted
    /// as busy until the tunnel closes.
    private func openTunnel() {
        done = true
        guard let upstream = connection?.channel else { return abortClient() }
        connection?.responseSink = nil
        connection = nil
        let backend = self.backend
        if let server {
            upstream.closeFuture.whenComplete { _ in backend.release(server) }
            self.server = nil
        }
        let idle = plan.timeoutsMs["tunnel"] ?? plan.timeoutsMs["server"]
        do {
            try TunnelSwitch.connect(client: client.channel, upstream: upstream, idleTimeoutMs: idle)
        } catch {
            upstream.close(promise: nil)
            client.close(promise: nil)
        }
    }

    private func release() {
        if let server { backend.release(server) }
        server = nil
    }

    private func abortClient() {
        done = true
        client.close(promise: nil)
    }

    private func fail(_ status: Int) {
        guard !done else { return }
        done = true
        let (head, page) = ErrorPages.response(status, version: clientHead.version, closing: !clientKeepAlive)
        client.write(NIOAny(HTTPServerResponsePart.head(head)), promise: nil)
        client.write(NIOAny(HTTPServerResponsePart.body(.byteBuffer(page))), promise: nil)
        client.writeAndFlush(NIOAny(HTTPServerResponsePart.end(nil)), promise: nil)
        onFinished?(clientKeepAlive)
    }
}
