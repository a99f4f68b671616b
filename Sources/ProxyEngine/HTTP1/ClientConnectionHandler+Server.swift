import NIOCore
import RuntimePlan

/// The server side of an exchange: taking a server, connecting or reusing a
/// pooled connection (one found closed in the pool is not used), retrying a
/// connection that could not be opened (`retry-on conn-failure`, the default).
/// Once bytes of the request were written, an invalid answer or a close gives
/// 502 and the request is never sent again (D1) unless `retry-on` names the
/// failure (`+Retry`).
extension ClientConnectionHandler {
    func acquireServer(_ exchange: ServerExchange) {
        guard let context, let balancer = balancers?[exchange.backendIndex] else { return }
        let backend = engine.backends[exchange.backendIndex]
        if let server = takePersistentServer(exchange) {
            exchange.server = server
            logAssigned(server)
            return connect(exchange, server, reuse: true)
        }
        let chosen: Int
        switch backend.tryAcquire(for: exchange.request, excluding: exchange.excluded, balancer: balancer) {
        case .server(let server):
            exchange.server = server
            logAssigned(server)
            return connect(exchange, server, reuse: true)
        case .noServer:
            return abortExchange(status: 503)
        case .full(let server):
            chosen = server
        }
        // Every candidate is full: wait in the backend's queue.
        backend.enqueue(chosen: chosen, excluding: exchange.excluded, balancer: balancer, on: context.eventLoop)
            .assumeIsolated().whenComplete { [weak self] result in
                guard let self, self.exchange === exchange else {
                    // The client left while the request waited for a server: give the place back.
                    if case .success(let server) = result { backend.release(server) }
                    return
                }
                switch result {
                case .success(let server):
                    exchange.server = server
                    self.logAssigned(server)
                    self.connect(exchange, server, reuse: true)
                case .failure:
                    self.abortExchange(status: 503)
                }
            }
    }

    private func connect(_ exchange: ServerExchange, _ server: Int, reuse: Bool) {
        guard let pool, let balancer = balancers?[exchange.backendIndex] else { return }
        recordPersistence(exchange, server: server)
        let configured = engine.plan.backends[exchange.backendIndex].servers[server].address
        let address = balancer.address(server)
        let endpoint = address.forClient(destinationPort: exchange.request.destinationPort)
        // A server without a port follows the client's port: its idle connections serve that port only.
        let key = ServerKey(backend: exchange.backendIndex, server: server, clientPort: endpoint == address ? nil : endpoint.inetPort,
                            address: address == configured ? nil : address)
        if reuse { counters?.countServerTaken(backend: exchange.backendIndex, server: server) }
        if reuse, let connection = pool.takeIdle(key) { return send(exchange, on: connection) }
        pool.connect(key, endpoint: endpoint, connectTimeout: exchange.timeouts.connect,
                     tls: engine.serverTLSHandler(backend: exchange.backendIndex, server: server, forCheck: false)) { [weak self] result in
            guard let self, self.exchange === exchange else {
                if case .success(let connection) = result { connection.close() }
                return
            }
            switch result {
            case .success(let connection): self.send(exchange, on: connection)
            case .failure(let error):
                // `retry-on` without `conn-failure` gives up at the first failed connection.
                if self.engine.plan.backends[exchange.backendIndex].retryOn?.connectionFailure == false { exchange.attemptsLeft = 1 }
                self.retry(exchange, after: server, refused: !EngineErrorText.isTimeout(error))
            }
        }
    }

    /// A connection could not be used before anything reached the server: try
    /// again (on another server with `option redispatch`), or 503 when the retries are spent.
    /// `refused`: the connection failed with an error rather than at `timeout connect`; as
    /// HAProxy, the same server is then tried again only after `RetryPause` (a server
    /// that refuses now would most likely refuse at once again).
    func retry(_ exchange: ServerExchange, after server: Int, refused: Bool = false) {
        exchange.attemptsLeft -= 1
        let plan = engine.plan.backends[exchange.backendIndex]
        guard exchange.attemptsLeft > 0 else {
            counters?.countServerError(backend: exchange.backendIndex, server: server, connecting: true)
            return abortExchange(status: 503)
        }
        counters?.countRetry(backend: exchange.backendIndex, server: server, redispatched: plan.redispatch && plan.servers.count > 1)
        logUpdate { $0.retries += 1 }
        guard plan.redispatch, plan.servers.count > 1 else {
            guard refused, let context else { return connect(exchange, server, reuse: false) }
            context.eventLoop.assumeIsolated().scheduleTask(in: RetryPause.after(exchange.timeouts.connect)) { [weak self] in
                // The client may have left meanwhile (its server place is given back then).
                guard let self, self.exchange === exchange else { return }
                self.connect(exchange, server, reuse: false)
            }
            return
        }
        releaseServer(exchange)
        logUpdate { $0.redispatched = true }
        exchange.excluded.insert(server)
        acquireServer(exchange)
    }

    private func send(_ exchange: ServerExchange, on connection: ServerConnection) {
        exchange.connection = connection
        connection.owner = self
        counters?.countForwarded(backend: exchange.backendIndex, server: exchange.server, exchange.head.readableBytes)
        logUpdate { log in
            log.connectMs = log.elapsedMs()
            log.serverAddress = connection.channel?.remoteAddress
            log.serverSource = connection.channel?.localAddress
        }
        if let replay = exchange.replay {
            connection.write(replay)
            process()
        } else {
            sendFirstTime(exchange, on: connection)
        }
        connection.flush()
        armServerTimer(exchange)
        resumeReading()
    }

    func armServerTimer(_ exchange: ServerExchange) {
        guard let limit = exchange.timeouts.server, let context else { return }
        if serverTimer == nil {
            serverTimer = MovableTimer(on: context.eventLoop) { [weak self] in self?.serverTimedOut() }
        }
        serverTimer?.start(limit)
    }

    func serverTimedOut() {
        guard let exchange else { return }
        switch machine.serverTimedOut() {
        case .none: return
        case .abortClient:
            logUpdate { $0.end(.serverTimeout, .data) }
            abortClient()
        case .retryOrGatewayTimeout:
            if retrySent(exchange, after: .responseTimeout) { return }
            logUpdate { $0.end(.serverTimeout, .headers) }
            abortExchange(status: 504)
        }
    }

    func releaseServer(_ exchange: ServerExchange) {
        if let server = exchange.server { engine.backends[exchange.backendIndex].release(server) }
        exchange.server = nil
    }

    /// Ends the exchange with an error page (nothing of the response was sent yet); the server connection closes.
    func abortExchange(status: Int) {
        guard let context, let exchange else { return }
        serverTimer?.cancel()
        if status == 502 || status == 504 {
            counters?.countServerError(backend: exchange.backendIndex, server: exchange.server, connecting: false)
        }
        exchange.connection?.close()
        exchange.connection = nil
        releaseServer(exchange)
        logUpdate { log in log.end(.serverAbort, status == 503 ? .connect : .headers) }
        // The rest of a request body cannot be told from a next request: close after the page.
        sendError(status, context, close: machine.errorPageCloses(clientKeepAlive: exchange.clientKeepAlive))
    }

    /// Ends the exchange by closing the client (part of the response was already sent).
    func abortClient() {
        guard let context, let exchange else { return }
        serverTimer?.cancel()
        exchange.connection?.close()
        exchange.connection = nil
        releaseServer(exchange)
        logFinish(cause: .clientAbort, phase: machine.responseStarted ? .data : .headers)
        self.exchange = nil
        context.flush()
        closeAfterWrites(context)
    }

    func flushToClient() { context?.flush() }

    func serverRead(_ bytes: ByteBuffer, from connection: ServerConnection) {
        guard let context, let exchange, exchange.connection === connection else { return connection.close() }
        machine.responseBytesArrived()
        countServerBytes(exchange, bytes.readableBytes)
        var bytes = bytes
        if exchange.responseInput == nil || exchange.responseInput!.readableBytes == 0 {
            exchange.responseInput = bytes
        } else {
            exchange.responseInput!.writeBuffer(&bytes)
        }
        armServerTimer(exchange)
        relayResponse(exchange, context)
    }

    func serverClosed(_ connection: ServerConnection) {
        guard let context, let exchange, exchange.connection === connection else { return }
        exchange.connection = nil
        switch machine.serverClosed() {
        case .completeResponse:
            // A body delimited by the close ends here (its bytes went on as they came).
            writePendingHeads(exchange, context)
            completeResponse(exchange, context, serverKeeps: false)
        case .abortClient:
            // Any other body is cut short.
            writePendingHeads(exchange, context)
            logUpdate { $0.end(.serverAbort, .data) }
            abortClient()
        case .retryOrBadGateway:
            if retrySent(exchange, after: .emptyResponse) { return }
            abortExchange(status: 502)
        case .badGateway:
            abortExchange(status: 502)
        }
    }

    /// Parses response heads and forwards the body as it arrives.
    private func relayResponse(_ exchange: ServerExchange, _ context: ChannelHandlerContext) {
        while exchange.responseFramer == nil {
            guard var bytes = exchange.responseInput, bytes.readableBytes > 0 else { return writePendingInterim(exchange, context) }
            let parser = H1HeadParser(kind: .response, limits: limits)
            switch bytes.withUnsafeReadableBytes({ parser.parse($0) }) {
            case .incomplete:
                // Interim heads read so far go out once nothing more of this read can refute them.
                writePendingInterim(exchange, context)
                return
            case .invalid:
                if retrySent(exchange, after: .junkResponse) { return }
                return abortExchange(status: 502)
            case .complete(let head):
                guard startResponse(head, &bytes, exchange, context) else { return }
                exchange.responseInput = bytes
            }
        }
        guard var bytes = exchange.responseInput else { return }
        defer { if self.exchange === exchange { exchange.responseInput = bytes } }
        while true {
            do {
                let payload = exchange.responseFramer!.isInPayload
                let step = try exchange.responseFramer!.next(&bytes)
                // The head goes out with the first body bytes judged valid (as HAProxy sends what it parsed).
                writePendingHeads(exchange, context)
                switch step {
                case .forward(let piece):
                    logUpdate { $0.bytesOut += Int64(piece.readableBytes) }
                    if let compressor = exchange.compressor {
                        writeCompressed(piece, isPayload: payload, compressor, exchange, context)
                    } else {
                        context.write(NIOAny(piece), promise: nil)
                    }
                case .needMore: return
                case .end:
                    if let compressor = exchange.compressor, !compressor.finished {
                        context.write(NIOAny(compressor.end()), promise: nil)
                    }
                    return completeResponse(exchange, context, serverKeeps: bytes.readableBytes == 0)
                }
            } catch {
                // A framing error in what arrived with the head: nothing was sent, so 502; later, only a close.
                return machine.responseBodyInvalid() == .badGateway ? abortExchange(status: 502) : abortClient()
            }
        }
    }

    /// Forwards a response head; false when the exchange ended or became a tunnel.
    private func startResponse(_ head: H1Head, _ bytes: inout ByteBuffer, _ exchange: ServerExchange,
                               _ context: ChannelHandlerContext) -> Bool {
        if head.status >= 400, retrySent(exchange, after: .status(head.status)) { return false }
        if head.status >= 200 || head.status == 101 { countServerResponse(exchange, status: head.status) }
        if head.status == 101 {
            let handshake = exchange.request.fullHeaderValues("upgrade").contains { $0.lowercased().contains("websocket") }
            // A 101 to a request that asked for no upgrade, or a WebSocket one without its accept key, is invalid.
            if !exchange.requestUpgrade || (handshake && head.firstField(named: "sec-websocket-accept", in: bytes) == nil) {
                abortExchange(status: 502)
                return false
            }
            writePendingInterim(exchange, context)
            context.write(NIOAny(H1HeadWriter.write(head, from: bytes, edits: H1HeadEdits(), kind: .response)), promise: nil)
            bytes.moveReaderIndex(forwardBy: head.length)
            openTunnel(exchange, rest: bytes, context)
            return false
        }
        if (100..<200).contains(head.status) {
            // Interim responses are relayed as they are; the final one follows.
            var interim = H1HeadWriter.write(head, from: bytes, edits: H1HeadEdits(), kind: .response)
            if exchange.pendingInterim == nil { exchange.pendingInterim = interim } else { exchange.pendingInterim!.writeBuffer(&interim) }
            bytes.moveReaderIndex(forwardBy: head.length)
            return true
        }
        stickStream?.countResponse(status: head.status)
        let body = head.responseBody(to: exchange.method)
        if body == .tunnel {
            writePendingInterim(exchange, context)
            context.write(NIOAny(H1HeadWriter.write(head, from: bytes, edits: H1HeadEdits(), kind: .response)), promise: nil)
            bytes.moveReaderIndex(forwardBy: head.length)
            openTunnel(exchange, rest: bytes, context)
            return false
        }
        exchange.serverWantsClose = head.connectionClose || (!head.isHTTP11 && !head.connectionKeepAlive)
        exchange.untilClose = body == .untilClose
        // Without a length the body ends with the connection, so the client connection closes too;
        // so does a chunked HTTP/1.0 response, whose framing HTTP/1.0 does not define (haproxy 2.6 closes),
        // and a stopping engine closes after this response and says so, as HAProxy's soft stop.
        exchange.clientClosesAfter = !exchange.clientKeepAlive || body == .untilClose || !machine.requestComplete
            || (head.hasTransferEncoding && !head.isHTTP11)
            || (engine.connections.isDraining && engine.softStopClose.closesAfterResponse())
        var edits: H1HeadEdits
        switch responseRules(head, bytes, exchange) {
        case .forward(let ruled): edits = ruled
        case .deny(let status):
            abortExchange(status: status)
            return false
        }
        if exchange.clientClosesAfter {
            // HAProxy marks the close on an HTTP/1.1 response, also to an HTTP/1.0 client.
            if exchange.requestIsHTTP11 || head.isHTTP11 { edits.added.append(("connection", "close")) }
        } else if !exchange.requestIsHTTP11 {
            edits.added.append(("connection", "keep-alive"))
        }
        storeResponsePersistence(head, bytes, exchange)
        persistenceResponseEdits(head, bytes, exchange, &edits)
        startCompression(head, bytes, body, exchange, edits: &edits)
        exchange.pendingResponseHead = H1HeadWriter.write(head, from: bytes, edits: edits, kind: .response)
        machine.finalResponseHead(untilClose: exchange.untilClose)
        logResponse(status: head.status, head: head, bytes: bytes)
        bytes.moveReaderIndex(forwardBy: head.length)
        exchange.responseFramer = H1BodyFramer(body, limit: exchange.limit)
        return true
    }

    /// Writes the interim heads held back, if any.
    private func writePendingInterim(_ exchange: ServerExchange, _ context: ChannelHandlerContext) {
        guard let interim = exchange.pendingInterim else { return }
        exchange.pendingInterim = nil
        context.write(NIOAny(interim), promise: nil)
    }

    /// Writes the interim heads and the final head held back, if any.
    private func writePendingHeads(_ exchange: ServerExchange, _ context: ChannelHandlerContext) {
        writePendingInterim(exchange, context)
        guard let head = exchange.pendingResponseHead else { return }
        exchange.pendingResponseHead = nil
        machine.responseHeadSent()
        context.write(NIOAny(head), promise: nil)
    }

    private func completeResponse(_ exchange: ServerExchange, _ context: ChannelHandlerContext, serverKeeps: Bool) {
        serverTimer?.stop()
        // The exchange is settled before the last flush: an HTTP/2 stream closes as soon as its last
        // frame leaves, and a client that closes during an exchange aborts it (server connection closed).
        if let connection = exchange.connection {
            exchange.connection = nil
            if machine.poolsServerConnection(serverKeeps: serverKeeps, serverWantsClose: exchange.serverWantsClose,
                                             backendCloses: closesServer(exchange.backendIndex)) {
                pool?.putBack(connection)
            } else {
                connection.close()
            }
        }
        releaseServer(exchange)
        finishRequest(keepOpen: !exchange.clientClosesAfter)
        context.flush()
    }

    /// After a `101` (or a `2xx` to `CONNECT`): both connections leave HTTP for the byte relay of
    /// `mode tcp` (`TunnelSwitch`), `timeout tunnel` (else `timeout server`) on each side. The
    /// server stays counted as busy until the client connection ends.
    private func openTunnel(_ exchange: ServerExchange, rest: ByteBuffer, _ context: ChannelHandlerContext) {
        serverTimer?.cancel()
        if rest.readableBytes > 0 { context.write(NIOAny(rest), promise: nil) }
        context.flush()
        guard let connection = exchange.connection, let server = connection.channel else { return abortClient() }
        // Client bytes read after the request head (sent before the `101`) go first.
        if var early = input, early.readableBytes > 0 { connection.write(early.readSlice(length: early.readableBytes)!) }
        connection.flush()
        input = nil
        connection.owner = nil
        exchange.connection = nil
        self.exchange = nil
        machine.tunnelOpened()
        if let slot = exchange.server {
            let backend = engine.backends[exchange.backendIndex]
            context.channel.closeFuture.whenComplete { _ in backend.release(slot) }
            exchange.server = nil
        }
        let client = context.channel
        do {
            try TunnelSwitch.connect(client: client, replacing: self, server: server, replacing: connection,
                                     clientIdle: exchange.timeouts.tunnel ?? shared.clientIdle,
                                     serverIdle: exchange.timeouts.tunnel ?? exchange.timeouts.server,
                                     clientFin: shared.clientFin, serverFin: exchange.timeouts.serverFin,
                                     clientInputEnded: clientInputClosed)
        } catch {
            server.close(promise: nil)
            client.close(promise: nil)
        }
    }
}
