import NIOCore
import RuntimePlan

/// The transaction record of the request in progress, kept only when the
/// frontend logs: every method here returns at once otherwise, so a
/// frontend without `log` builds no record and no string.
extension ClientConnectionHandler {
    /// Starts the record of the next transaction (at accept, then after each response).
    func logBegin(first: Bool) {
        guard shared.trafficLog != nil, let context else { return }
        var log = TransactionLog()
        log.client = context.channel.remoteAddress
        log.local = context.channel.localAddress
        log.idleMs = first ? 0 : -1
        transactionLog = log
    }

    /// A complete request head was read.
    func logRequest(_ head: H1Head, _ bytes: ByteBuffer, _ facts: RequestFacts) {
        guard let emitter = shared.trafficLog, var log = transactionLog else { return }
        let now = log.elapsedMs()
        if log.idleMs < 0 { log.idleMs = now }
        log.requestMs = now
        log.requestLine = "\(facts.method) \(facts.target) \(head.string(head.third, in: bytes))"
        log.facts = facts
        log.bytesIn = Int64(MessageSize.of(head, in: bytes))
        log.requestCounter = emitter.nextRequestNumber()
        log.uniqueID = emitter.uniqueID(log, engine: engine)
        let captures = emitter.logger.plan.requestCaptures
        if !captures.isEmpty {
            log.requestCaptures = captures.map { capture in
                capture.header.flatMap { facts.fullHeaderValues($0).last }.map { String($0.prefix(capture.length)) }
            }
        }
        transactionLog = log
    }

    /// The response head of the server (or the status of an answer made here).
    func logResponse(status: Int, head: H1Head? = nil, bytes: ByteBuffer? = nil) {
        guard let emitter = shared.trafficLog, transactionLog != nil else { return }
        transactionLog!.status = status
        if let head, let bytes { transactionLog!.bytesOut += Int64(MessageSize.of(head, in: bytes)) }
        if transactionLog!.dataMs < 0, transactionLog!.connectMs >= 0 { transactionLog!.dataMs = transactionLog!.elapsedMs() }
        let captures = emitter.logger.plan.responseCaptures
        if !captures.isEmpty, let head, let bytes {
            transactionLog!.responseCaptures = captures.map { capture in
                guard let name = capture.header else { return nil }
                let last = head.fields.lastIndex { head.string($0.name, in: bytes).lowercased() == name }
                return last.map { String(head.string(head.fields[$0].value, in: bytes).prefix(capture.length)) }
            }
        }
    }

    /// Changes the record in place (timers, server, bytes) when the frontend logs.
    func logUpdate(_ change: (inout TransactionLog) -> Void) {
        guard transactionLog != nil else { return }
        change(&transactionLog!)
    }

    /// Sends the line of the transaction in progress and forgets it.
    func logFinish(cause: TransactionLog.Cause = .normal, phase: TransactionLog.Phase = .done) {
        guard let emitter = shared.trafficLog, var log = transactionLog else { return }
        transactionLog = nil
        if log.requestLine == nil, log.status == 0 { return }
        log.end(cause, phase)
        log.closeMs = log.elapsedMs()
        emitter.emit(log, engine: engine)
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
