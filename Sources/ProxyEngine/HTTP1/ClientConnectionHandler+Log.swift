import NIOCore
import RuntimePlan

/// The transaction record of the request in progress. Its timers are kept
/// for every transaction (the statistics average them); what only a log
/// line needs (addresses, request line, captures, strings) is filled only
/// when the frontend logs, so a frontend without `log` builds no string.
extension ClientConnectionHandler {
    /// Starts the record of the next transaction (at accept, then after each response).
    func logBegin(first: Bool) {
        guard let context else { return }
        var log = TransactionLog(wallClock: shared.trafficLog != nil)
        if shared.trafficLog != nil {
            log.client = context.channel.remoteAddress
            log.local = context.channel.localAddress
        }
        log.idleMs = first ? 0 : -1
        // As HAProxy's `txn->status`: -1 until a response (an aborted transaction logs -1).
        log.status = -1
        transactionLog = log
    }

    /// A complete request head was read. The record is changed in place (a copy of it would retain every field).
    func logRequest(_ head: H1Head, _ bytes: ByteBuffer, _ facts: RequestFacts) {
        let emitter = shared.trafficLog, engine = self.engine
        logUpdate { log in
            let now = log.elapsedMs()
            if log.idleMs < 0 { log.idleMs = now }
            log.requestMs = now
            guard let emitter else { return }
            log.requestLine = "\(facts.method) \(facts.target) \(head.string(head.third, in: bytes))"
            if emitter.readsSamples { log.facts = facts }
            log.bytesIn = Int64(MessageSize.of(head, in: bytes))
            log.requestCounter = emitter.nextRequestNumber()
            log.uniqueID = emitter.uniqueID(log, facts: facts, engine: engine)
            if !facts.requestCaptures.isEmpty { log.requestCaptures = facts.requestCaptures.values }
        }
    }

    /// The request after its rules: what `http-request capture` stored and the cookie `capture cookie` finds.
    func logRouted(_ request: RequestFacts) {
        guard let emitter = shared.trafficLog else { return }
        logUpdate { log in
            // `%[capture.req.hdr(N)]` reads the slots the rules filled.
            if emitter.readsSamples { log.facts = request }
            if !request.requestCaptures.isEmpty { log.requestCaptures = request.requestCaptures.values }
            if let capture = emitter.logger.plan.cookieCapture { log.clientCookie = CookieCaptureReader.client(capture, request.headers) }
        }
    }

    /// The response after its rules: what `http-response capture` stored.
    func logResponseCaptures(_ response: RequestFacts) {
        guard shared.trafficLog != nil, !response.responseCaptures.isEmpty else { return }
        logUpdate { log in
            log.responseCaptures = response.responseCaptures.values
            log.facts?.responseCaptures = response.responseCaptures
        }
    }

    /// The response head of the server (or the status of an answer made here).
    func logResponse(status: Int, head: H1Head? = nil, bytes: ByteBuffer? = nil) {
        guard transactionLog != nil else { return }
        // Changed in place: `transactionLog!.elapsedMs()` would copy the whole record first.
        logUpdate { log in
            log.status = status
            if log.dataMs < 0, log.connectMs >= 0 { log.dataMs = log.elapsedMs() }
        }
        guard let emitter = shared.trafficLog else { return }
        defer { logAsSoonAsPossible(emitter, head, bytes) }
        if let head, let bytes { transactionLog!.bytesOut += Int64(MessageSize.of(head, in: bytes)) }
        let plan = emitter.logger.plan
        guard let head, let bytes, !plan.responseCaptures.isEmpty || plan.cookieCapture != nil else { return }
        let fields = responseFields(head, bytes)
        // The response rules filled the slots already when there are any (`logResponseCaptures`).
        if !plan.responseCaptures.isEmpty, transactionLog!.responseCaptures.isEmpty {
            var slots = CaptureSlots(plan.responseCaptures)
            slots.captureHeaders(plan.responseCaptures, from: fields)
            transactionLog!.responseCaptures = slots.values
            transactionLog!.facts?.responseCaptures = slots
        }
        if let capture = plan.cookieCapture { transactionLog!.serverCookie = CookieCaptureReader.server(capture, fields) }
    }

    /// `option logasap`: the line goes out once the response head is ready to forward, as HAProxy's
    /// `http_process_res_common` sends it: `+Tt` ends at the response head, `+B` counts the head and the body
    /// bytes that came with it.
    private func logAsSoonAsPossible(_ emitter: TrafficLogEmitter, _ head: H1Head?, _ bytes: ByteBuffer?) {
        guard let log = transactionLog, !log.loggedEarly else { return }
        var bodyBytes = 0
        if let head, let bytes {
            bodyBytes = max(0, bytes.readableBytes - head.length)
            if let length = head.contentLength { bodyBytes = min(bodyBytes, Int(clamping: length)) }
        }
        if emitter.emitEarly(log, atMs: log.dataMs, extraBytesOut: bodyBytes, engine: engine) { transactionLog!.loggedEarly = true }
    }

    /// The fields of a response head as name and value strings.
    func responseFields(_ head: H1Head, _ bytes: ByteBuffer) -> [HTTPHeaderField] {
        var fields: [HTTPHeaderField] = []
        for (position, field) in head.fields.enumerated() where !head.droppedFields.contains(position) {
            fields.append(HTTPHeaderField(name: head.string(field.name, in: bytes), value: head.string(field.value, in: bytes)))
        }
        return fields
    }

    /// Changes the record in place (timers, server, bytes) when the frontend logs.
    func logUpdate(_ change: (inout TransactionLog) -> Void) {
        guard transactionLog != nil else { return }
        change(&transactionLog!)
    }

    /// Adds the transaction in progress to the statistics' times, sends its line, and forgets it.
    func logFinish(cause: TransactionLog.Cause = .normal, phase: TransactionLog.Phase = .done) {
        // Taken out, not copied (a copy would retain each field of the record).
        guard var log = transactionLog.take() else { return }
        if log.requestMs < 0, log.status < 0 { return }
        log.end(cause, phase)
        log.closeMs = log.elapsedMs()
        if let backend = log.backend {
            counters?.activity.countTransaction(backend: backend, server: log.server, times: TransactionTimes(log, http: true))
        }
        if !log.loggedEarly { shared.trafficLog?.emit(log, engine: engine) }
    }
}

extension ClientConnectionHandler {
    /// The wait for a request head ended with `cause` (a timeout: 408 follows). `clientSentNothing` as HAProxy's
    /// `option dontlognull` tests it: nothing of the head is buffered.
    func logHeadAwaitEnded(_ cause: TransactionLog.Cause) {
        let sentNothing = (input?.readableBytes ?? 0) == 0
        logUpdate { log in
            log.end(cause, .request)
            log.clientSentNothing = sentNothing
        }
    }

    /// The client closed (or reset) the connection before a whole request head: HAProxy logs
    /// `400 CR--` `<BADREQ>` for the first request, and for a later one once a byte of it came; nothing for an
    /// idle keep-alive connection (`option dontlognull` drops the empty first one). A TLS handshake that
    /// did not complete is not logged here (HAProxy logs it as a connection error).
    func logClosedBeforeRequest() {
        guard onSocket, case .waitingHead(let wait) = machine.state, wait != .idle, tls?.established ?? true,
              let log = transactionLog, log.requestMs < 0 else { return }
        logHeadAwaitEnded(.clientAbort)
        logUpdate { $0.status = 400 }
        logFinish()
    }

    /// A server was assigned: the end of the queue time.
    func logAssigned(_ server: Int) {
        logUpdate { log in
            log.queueMs = log.elapsedMs()
            log.server = server
        }
    }
}
