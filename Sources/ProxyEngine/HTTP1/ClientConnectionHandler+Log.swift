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
            let captures = emitter.logger.plan.requestCaptures
            if !captures.isEmpty {
                log.requestCaptures = captures.map { capture in
                    capture.header.flatMap { facts.fullHeaderValues($0).last }.map { String($0.prefix(capture.length)) }
                }
            }
        }
    }

    /// The response head of the server (or the status of an answer made here).
    func logResponse(status: Int, head: H1Head? = nil, bytes: ByteBuffer? = nil) {
        guard transactionLog != nil else { return }
        transactionLog!.status = status
        if transactionLog!.dataMs < 0, transactionLog!.connectMs >= 0 { transactionLog!.dataMs = transactionLog!.elapsedMs() }
        guard let emitter = shared.trafficLog else { return }
        if let head, let bytes { transactionLog!.bytesOut += Int64(MessageSize.of(head, in: bytes)) }
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

    /// Adds the transaction in progress to the statistics' times, sends its line, and forgets it.
    func logFinish(cause: TransactionLog.Cause = .normal, phase: TransactionLog.Phase = .done) {
        guard var log = transactionLog else { return }
        transactionLog = nil
        if log.requestMs < 0, log.status == 0 { return }
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
