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
        transactionLog!.status = status
        if transactionLog!.dataMs < 0, transactionLog!.connectMs >= 0 { transactionLog!.dataMs = transactionLog!.elapsedMs() }
        guard let emitter = shared.trafficLog else { return }
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
        guard var log = transactionLog else { return }
        transactionLog = nil
        if log.requestMs < 0, log.status < 0 { return }
        log.end(cause, phase)
        log.closeMs = log.elapsedMs()
        if let backend = log.backend {
            counters?.activity.countTransaction(backend: backend, server: log.server, times: TransactionTimes(log, http: true))
        }
        shared.trafficLog?.emit(log, engine: engine)
    }
}

extension ClientConnectionHandler {
    /// A server was assigned: the end of the queue time.
    func logAssigned(_ server: Int) {
        logUpdate { log in
            log.queueMs = log.elapsedMs()
            log.server = server
        }
    }
}
