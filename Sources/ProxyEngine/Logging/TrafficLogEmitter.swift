import Atomics
import RuntimePlan

/// Turns the finished transactions of one frontend into log lines: applies
/// `option dontlognull`, `dontlog-normal` and `log-separate-errors`, renders
/// the frontend's format once per transaction and hands the line to its
/// `ProxyLogger`. One per frontend that has log targets.
final class TrafficLogEmitter: Sendable {
    let logger: ProxyLogger
    private let frontend: FrontendPlan
    /// Transactions numbered for `%rt`.
    private let counter = ManagedAtomic<Int>(0)

    init(logger: ProxyLogger, frontend: FrontendPlan) {
        self.logger = logger
        self.frontend = frontend
    }

    /// The next transaction number.
    func nextRequestNumber() -> Int { counter.loadThenWrappingIncrement(ordering: .relaxed) }

    /// Logs a finished transaction. `clientSentNothing`: the client sent no byte (for `dontlognull`).
    func emit(_ log: TransactionLog, engine: EngineContext, clientSentNothing: Bool = false) {
        let plan = logger.plan
        if plan.dontLogNull, clientSentNothing { return }
        if plan.dontLogNormal, !log.isError { return }
        let level = plan.separateErrors && log.isError ? LogLevel.err : LogLevel.info
        let count = logger.lineCount.loadThenWrappingIncrement(ordering: .relaxed)
        guard let format = plan.format else {
            return logger.send(connectMessage(log), level: level)
        }
        let renderer = LogLineRenderer(surroundings: surroundings(engine, logCounter: count))
        let line = renderer.render(format, log, limit: 65535)
        let structured = plan.structuredData.map { String(decoding: renderer.render($0, log, limit: 65535), as: UTF8.self) } ?? "-"
        logger.send(line, level: level, structuredData: structured)
    }

    /// The transaction's `unique-id-format` value (`%ID`), built once its request head is known.
    func uniqueID(_ log: TransactionLog, engine: EngineContext) -> String? {
        guard let format = logger.plan.uniqueIDFormat else { return nil }
        let renderer = LogLineRenderer(surroundings: surroundings(engine, logCounter: logger.lineCount.load(ordering: .relaxed)))
        return String(decoding: renderer.render(format, log, limit: 1024), as: UTF8.self)
    }

    /// HAProxy's message without a format option: `Connect from 127.0.0.1:40000 to 127.0.0.1:8080 (fe/HTTP)`.
    private func connectMessage(_ log: TransactionLog) -> String {
        let mode = frontend.mode == .http ? "HTTP" : "TCP"
        return "Connect from \(log.client?.ipAddress ?? "unknown"):\(log.client?.port ?? 0) to "
            + "\(log.local?.ipAddress ?? "unknown"):\(log.local?.port ?? 0) (\(frontend.name)/\(mode))"
    }

    private func surroundings(_ engine: EngineContext, logCounter: Int) -> LogLineSurroundings {
        let name = frontend.name
        return LogLineSurroundings(
            frontend: name,
            backendName: { engine.plan.backends[$0].name },
            serverName: { engine.plan.backends[$0].servers[$1].name },
            activeConnections: { engine.connections.openCount },
            frontendConnections: { engine.connections.openCount(frontend: name) },
            backendConnections: { backend in engine.backends[backend].plan.servers.indices.reduce(0) { $0 + engine.backends[backend].active($1) } },
            serverConnections: { engine.backends[$0].active($1) },
            isTCP: frontend.mode == .tcp,
            pid: logger.pid, hostname: logger.hostname, logCounter: logCounter,
            requestCaptureCount: logger.plan.requestCaptures.count, responseCaptureCount: logger.plan.responseCaptures.count)
    }
}
