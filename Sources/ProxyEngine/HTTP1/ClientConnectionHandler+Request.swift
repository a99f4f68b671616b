import NIOCore
import RuntimePlan

/// What a request head turns into: the facts the rules and ACLs see, the
/// edits toward the server (rules, `option forwardfor`, connection
/// handling), and whether the client connection stays open.
extension ClientConnectionHandler {
    /// Whether the client connection stays open after this request, as HAProxy decides it.
    func clientKeepAlive(_ head: H1Head) -> Bool {
        if frontend.options.httpClose || (engine.connections.isDraining && engine.softStopClose.closesAtOnce) || head.connectionClose {
            return false
        }
        return head.isHTTP11 || head.connectionKeepAlive
    }

    /// What an ACL sees of the request.
    func requestFacts(_ head: H1Head, _ bytes: ByteBuffer, _ context: ChannelHandlerContext) -> RequestFacts {
        let addresses = connectionAddresses ?? ConnectionAddresses(context.channel)
        connectionAddresses = addresses
        var fields: [HTTPHeaderField] = []
        fields.reserveCapacity(head.fields.count)
        for (position, field) in head.fields.enumerated() where !head.droppedFields.contains(position) {
            fields.append(HTTPHeaderField(name: head.string(field.name, in: bytes), value: head.string(field.value, in: bytes)))
        }
        let version = String(head.string(head.third, in: bytes).dropFirst(5))
        var facts = RequestFacts(method: head.string(head.first, in: bytes), target: head.string(head.second, in: bytes),
                                 version: version, headers: fields, source: addresses.source, sourcePort: addresses.sourcePort,
                                 destination: addresses.destination, destinationPort: addresses.destinationPort, tls: tls != nil)
        facts.tlsSession = tls?.facts
        facts.firstRequest = !servedOne
        facts.load = ProxyLoadHandle(EngineProxyLoad(engine: engine))
        let captures = frontend.log.requestCaptures
        if !captures.isEmpty {
            facts.requestCaptures = CaptureSlots(captures)
            facts.requestCaptures.captureHeaders(captures, from: fields)
        }
        if !frontend.log.responseCaptures.isEmpty { facts.responseCaptures = CaptureSlots(frontend.log.responseCaptures) }
        loadScopedVariables(&facts)
        return facts
    }

    /// The changes the rules made to the headers, `option forwardfor`, and the connection handling toward the server.
    func requestEdits(_ head: H1Head, _ bytes: ByteBuffer, _ request: RequestFacts, backend: Int,
                              keepAlive: Bool) -> H1HeadEdits {
        var edits = H1HeadEdits(head, bytes, becoming: request.headers)
        if request.method != head.string(head.first, in: bytes) || request.target != head.string(head.second, in: bytes) {
            edits.startLine = "\(request.method) \(request.target) \(head.isHTTP11 ? "HTTP/1.1" : "HTTP/1.0")"
        }
        // `unique-id-header` carries `%ID` to the server, added before `option forwardfor` as HAProxy adds it.
        if let header = shared.trafficLog?.logger.plan.uniqueIDHeader, let id = transactionLog?.uniqueID {
            edits.added.append((header, id))
        }
        // HAProxy's `option forwardfor` with a frontend and a backend (http_process_request): the
        // backend's header name, `if-none` only when no side adds always, excepted by either side.
        let onBackend = engine.backendForwarding[backend], onFrontend = shared.forwarding
        if let forward = onBackend ?? onFrontend, let source = request.source {
            let always = !(onBackend?.ifNone ?? true) || !(onFrontend?.ifNone ?? true)
            let excepted = (onBackend?.excepts(source) ?? false) || (onFrontend?.excepts(source) ?? false)
            if !excepted, always || request.fullHeaderValues(forward.header).isEmpty {
                edits.added.append((forward.header, source))
            }
        }
        if closesServer(backend) {
            if head.isHTTP11 { edits.added.append(("connection", "close")) }
        } else if !head.isHTTP11, !head.connectionClose {
            edits.added.append(("connection", "keep-alive"))
        }
        return edits
    }

    func closesServer(_ backend: Int) -> Bool {
        let options = engine.plan.backends[backend].options
        return options.httpServerClose || frontend.options.httpServerClose || options.httpClose || frontend.options.httpClose
    }
}
