import NIOCore
import RuntimePlan

/// The rule language around a transaction: `sess`/`proc` variables carried
/// between requests, `http-response` and `http-after-response` rules on the
/// server's response, and `http-after-response` rules on the proxy's own answers.
extension ClientConnectionHandler {
    /// What a response's rules decided for its head.
    enum ResponseRuling {
        /// Forward the head with these edits.
        case forward(H1HeadEdits)
        /// `http-response deny`: answer this status instead.
        case deny(Int)
    }

    /// Gives a new request the connection's `sess` variables and the process's `proc` ones.
    func loadScopedVariables(_ facts: inout RequestFacts) {
        facts.variables = sessionVariables
        guard engine.usesProcessVariables else { return }
        let process = engine.processVariables.withLockedValue { $0 }
        for (name, value) in process { facts.variables[name] = value }
        loadedProcessVariables = process
    }

    /// Keeps what the rules left in the `sess` and `proc` scopes. Only the `proc`
    /// variables this transaction changed are written back (set, changed or unset), so
    /// it does not undo what other connections did meanwhile.
    func keepScopedVariables(_ facts: RequestFacts) {
        sessionVariables = facts.variables.filter { $0.key.hasPrefix("sess.") }
        guard engine.usesProcessVariables else { return }
        let process = facts.variables.filter { $0.key.hasPrefix("proc.") }
        guard process != loadedProcessVariables else { return }
        let unset = loadedProcessVariables.keys.filter { process[$0] == nil }
        let changed = process.filter { loadedProcessVariables[$0.key] != $0.value }
        engine.processVariables.withLockedValue { stored in
            for name in unset { stored[name] = nil }
            for (name, value) in changed { stored[name] = value }
        }
        loadedProcessVariables = process
    }

    /// Runs `http-response` then `http-after-response` rules on a server's final response head.
    func responseRules(_ head: H1Head, _ bytes: ByteBuffer, _ exchange: ServerExchange) -> ResponseRuling {
        let backend = exchange.backendIndex
        guard shared.hasResponseRules(backendIndex: backend) else { return .forward(H1HeadEdits()) }
        var facts = exchange.request
        let fields = responseFields(head, bytes)
        let captures = frontend.log.responseCaptures
        if !captures.isEmpty {
            facts.responseCaptures = CaptureSlots(captures)
            facts.responseCaptures.captureHeaders(captures, from: fields)
        }
        let reason = head.string(head.third, in: bytes)
        facts.response = ResponseFacts(status: head.status, reason: reason, headers: fields)
        if let server = exchange.server {
            facts.serverName = engine.plan.backends[exchange.backendIndex].servers[server].name
            facts.serverID = server + 1
        }
        let decision = engine.router.respond(frontend, backendIndex: backend, facts)
        if let denied = decision.denied {
            keepScopedVariables(decision.facts)
            answeredRequest = decision.facts
            return .deny(denied)
        }
        let final = engine.router.afterResponse(frontend, backendIndex: backend, decision.facts)
        keepScopedVariables(final)
        logResponseCaptures(final)
        guard let response = final.response else { return .forward(H1HeadEdits()) }
        var edits = H1HeadEdits(head, bytes, becoming: response.headers)
        if response.status != head.status || response.reason != reason {
            edits.startLine = "\(head.string(head.first, in: bytes)) \(response.status) \(response.reason)"
        }
        return .forward(edits)
    }

    /// The `errorfile` page for a status: the backend's once one was chosen, else the frontend's (as HAProxy picks).
    func errorFilePage(_ status: Int, closing: Bool) -> (ByteBuffer, close: Bool)? {
        if let index = answeredBackend, let page = engine.backendErrorFiles[index].page(status) {
            return engine.backendErrorFiles[index].response(page, closing: closing)
        }
        return shared.errorFiles.page(status).map { shared.errorFiles.response($0, closing: closing) }
    }

    /// The page of a `deny` or of a `return` that names one: a file read with the plan (`errorfile`, `errorfiles`),
    /// or the proxy's page for the status (`default-errorfiles`, a plain `deny`).
    func answerPage(_ status: Int, file: ErrorFile?, _ context: ChannelHandlerContext, close: Bool, discarding body: H1BodyKind) {
        // A page from a file keeps the connection open whatever the status, as HAProxy does after a rule's answer.
        let pages = file.map { ErrorFilePages([$0]) }
        if let pages, let page = pages.page(status) {
            stickStream?.countResponse(status: status)
            let (bytes, closes) = pages.response(page, closing: close)
            return answer(bytes, keepOpen: !closes, discarding: body)
        }
        if let (page, closes) = errorFilePage(status, closing: close) {
            stickStream?.countResponse(status: status)
            return answer(page, keepOpen: !closes, discarding: body)
        }
        let closing = close || ErrorPages.closesAfterRule(status)
        stickStream?.countResponse(status: status)
        answer(ErrorPages.response(status, closing: closing, fromRules: true), keepOpen: !closing, discarding: body)
    }

    /// A response made here (error page, `deny`, `return`, `redirect`) after the
    /// `http-after-response` rules: its head written again when they change it.
    func afterResponseRules(_ response: ByteBuffer) -> ByteBuffer {
        let backend = answeredBackend
        guard shared.hasAfterResponseRules(backendIndex: backend) else { return response }
        let parser = H1HeadParser(kind: .response, limits: limits)
        guard case .complete(let head) = response.withUnsafeReadableBytes({ parser.parse($0) }) else { return response }
        var facts = answeredRequest ?? RequestFacts()
        facts.frontendName = frontend.name
        var fields: [HTTPHeaderField] = []
        for field in head.fields {
            fields.append(HTTPHeaderField(name: head.string(field.name, in: response), value: head.string(field.value, in: response)))
        }
        facts.response = ResponseFacts(status: head.status, reason: head.string(head.third, in: response), headers: fields)
        let final = engine.router.afterResponse(frontend, backendIndex: backend, facts)
        keepScopedVariables(final)
        logResponseCaptures(final)
        guard let edited = final.response, edited != facts.response else { return response }
        // The connection header stays last, where HAProxy writes it.
        let isConnection = { (field: HTTPHeaderField) in field.name.lowercased() == "connection" }
        var text = "HTTP/1.1 \(edited.status) \(edited.reason)\r\n"
        for field in edited.headers.filter({ !isConnection($0) }) + edited.headers.filter(isConnection) {
            text += "\(field.name): \(field.value)\r\n"
        }
        var output = ByteBuffer(string: text + "\r\n")
        output.writeBytes(response.readableBytesView.dropFirst(head.length))
        return output
    }
}
