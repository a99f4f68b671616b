import Atomics
import RuntimePlan

/// Turns the finished transactions of one frontend into log lines: applies
/// `option dontlognull`, `dontlog-normal` and `log-separate-errors`, renders
/// the frontend's format (`error-log-format` for a connection that failed
/// before a request) once per transaction and hands the line to its
/// `ProxyLogger`. One per frontend that has log targets.
final class TrafficLogEmitter: Sendable {
    let logger: ProxyLogger
    private let frontend: FrontendPlan
    /// Transactions numbered for `%rt`.
    private let counter = ManagedAtomic<Int>(0)

    /// Whether a format of the frontend has `%[…]` sample expressions: only then does a record keep the request's facts.
    let readsSamples: Bool

    init(logger: ProxyLogger, frontend: FrontendPlan) {
        self.logger = logger
        self.frontend = frontend
        let plan = logger.plan
        readsSamples = [plan.format, plan.structuredData, plan.errorFormat].contains { format in
            format?.parts.contains { part in
                switch part {
                case .fetch, .flaggedFetch: true
                default: false
                }
            } ?? false
        }
    }

    /// The next transaction number.
    func nextRequestNumber() -> Int { counter.loadThenWrappingIncrement(ordering: .relaxed) }

    /// Logs a finished transaction (none under `option dontlognull` when the client sent no byte).
    func emit(_ log: TransactionLog, engine: EngineContext) {
        let plan = logger.plan
        if plan.dontLogNull, log.clientSentNothing { return }
        if plan.dontLogNormal, !log.isError { return }
        let level = plan.separateErrors && log.isError ? LogLevel.err : LogLevel.info
        let count = logger.lineCount.loadThenWrappingIncrement(ordering: .relaxed)
        // A connection that failed before a request (400, 408) is logged as HAProxy's `sess_log` does: with
        // `error-log-format` when it is set.
        let failedBeforeRequest = frontend.mode == .http && log.requestLine == nil
        guard let format = failedBeforeRequest ? plan.errorFormat ?? plan.format : plan.format else {
            return logger.send(connectMessage(log), level: level)
        }
        let renderer = LogLineRenderer(surroundings: surroundings(engine, logCounter: count))
        let line = renderer.render(format, log, limit: 65535)
        let structured = plan.structuredData.map { String(decoding: renderer.render($0, log, limit: 65535), as: UTF8.self) } ?? "-"
        logger.send(line, level: level, structuredData: structured)
    }

    /// `option logasap`: sends the line of a transaction still in progress, its total time ending `atMs`, with
    /// `extraBytesOut` more than counted in `%B` (HAProxy counts what its buffer holds of the response) and
    /// `%U` at 0 (haproxy 2.6.12 has not counted the request's bytes yet when it sends the line);
    /// true when it was sent, and the end of the transaction must send none.
    func emitEarly(_ log: TransactionLog, atMs: Int, extraBytesOut: Int = 0, engine: EngineContext) -> Bool {
        guard logger.plan.logAsap else { return false }
        var early = log
        early.closeMs = atMs
        early.bytesOut += Int64(extraBytesOut)
        early.bytesIn = 0
        emit(early, engine: engine)
        return true
    }

    /// The transaction's `unique-id-format` value (`%ID`), built once its request head is known.
    func uniqueID(_ log: TransactionLog, facts: RequestFacts, engine: EngineContext) -> String? {
        guard let format = logger.plan.uniqueIDFormat else { return nil }
        var record = log
        record.facts = facts
        let renderer = LogLineRenderer(surroundings: surroundings(engine, logCounter: logger.lineCount.load(ordering: .relaxed)))
        return String(decoding: renderer.render(format, record, limit: 1024), as: UTF8.self)
    }

    /// HAProxy's message without a format option: `Connect from 127.0.0.1:40000 to 127.0.0.1:8080 (fe/HTTP)`.
    private func connectMessage(_ log: TransactionLog) -> String {
        let mode = frontend.mode == .http ? "HTTP" : "TCP"
        return "Connect from \(log.client?.ipAddress ?? "unknown"):\(log.client?.port ?? 0) to "
            + "\(log.local?.ipAddress ?? "unknown"):\(log.local?.port ?? 0) (\(frontend.name)/\(mode))"
    }

    private func surroundings(_ engine: EngineContext, logCounter: Int) -> LogLineSurroundings {
        LogLineSurroundings(
            engine: engine, frontend: frontend.name, isTCP: frontend.mode == .tcp,
            pid: logger.pid, hostname: logger.hostname, logCounter: logCounter,
            requestCaptureCount: logger.plan.requestCaptures.count, responseCaptureCount: logger.plan.responseCaptures.count,
            logAsap: logger.plan.logAsap)
    }
}
