import NIOCore
import RuntimePlan

/// Checks the servers with `check` of every backend on their own timers,
/// applying HAProxy's health counter (`HealthTracker`); with `option
/// log-health-checks` each result that moves the counter or changes the
/// check status is logged with HAProxy's message.
final class HealthChecker: Sendable {
    let engine: EngineContext
    let group: EventLoopGroup

    init(engine: EngineContext, group: EventLoopGroup) {
        self.engine = engine
        self.group = group
    }

    func start() {
        for (backendIndex, backend) in engine.plan.backends.enumerated() {
            guard let check = backend.healthCheck else { continue }
            for (serverIndex, server) in backend.servers.enumerated() {
                guard let timing = server.check else { continue }
                let loop = group.next()
                var probe = HealthProbe(check: check, server: server.address, checkPort: timing.port,
                                        connectTimeoutMs: min(timing.interMs, backend.timeouts.connectMs),
                                        responseTimeoutMs: backend.timeouts.checkMs ?? timing.interMs)
                probe.tls = engine.serverTLSHandler(backend: backendIndex, server: serverIndex, forCheck: true)
                let tracker = HealthTracker(backend: backendIndex, server: serverIndex, timing: timing)
                schedule(probe, tracker, on: loop, after: 0)
            }
        }
    }

    private func schedule(_ probe: HealthProbe, _ tracker: HealthTracker, on loop: EventLoop, after delayMs: Int) {
        loop.scheduleTask(in: .milliseconds(Int64(delayMs))) { [self] in
            guard !engine.connections.isDraining else { return }
            // `disable health` and maintenance pause the checks (HAProxy's HMAINT and FMAINT).
            guard engine.backends[tracker.backend].checksRun(tracker.server) else {
                return self.schedule(probe, tracker, on: loop, after: tracker.timing.interMs)
            }
            let started = NIODeadline.now()
            probe.run(on: loop).whenComplete { result in
                var result = result
                // `http-check disable-on-404`: a 404 passes conditionally while the server is not DOWN, else it fails.
                if case .success(HealthProbe.conditionalPass?) = result, !tracker.up {
                    result = .success("Layer7 wrong status, code: 404")
                }
                let conditional = if case .success(HealthProbe.conditionalPass?) = result { true } else { false }
                let failure: String? = switch result {
                case .success(let reason): conditional ? nil : reason
                case .failure(let error): "\(error)"
                }
                let durationMs = Int((NIODeadline.now() - started).nanoseconds / 1_000_000)
                let statusChanged = self.noteCheck(result, tracker, durationMs: durationMs)
                let next = self.record(failure, tracker, durationMs: durationMs, statusChanged: statusChanged)
                // A plain pass ends the NOLB state; a conditional one of an UP server starts it.
                if failure == nil { self.engine.backends[tracker.backend].setStopping(tracker.server, conditional && tracker.up) }
                self.schedule(probe, tracker, on: loop, after: next)
            }
        }
    }

    /// Keeps HAProxy's `check_status` and description of a result for the runtime API; true when the status changed.
    private func noteCheck(_ result: Result<String?, Error>, _ tracker: HealthTracker, durationMs: Int) -> Bool {
        let backend = engine.backends[tracker.backend]
        let layer7 = backend.plan.healthCheck?.kind == .http
        return switch result {
        case .success(HealthProbe.conditionalPass?):
            backend.noteCheck(tracker.server, status: "L7OKC", description: HealthProbe.conditionalPass, failed: false,
                              durationMs: durationMs)
        case .success(nil):
            backend.noteCheck(tracker.server, status: layer7 ? "L7OK" : "L4OK",
                              description: layer7 ? "Layer7 check passed" : "Layer4 check passed", failed: false,
                              durationMs: durationMs)
        case .success(let reason?):
            backend.noteCheck(tracker.server, status: layer7 ? "L7STS" : "L4CON", description: reason, failed: true,
                              durationMs: durationMs)
        case .failure:
            backend.noteCheck(tracker.server, status: "L4CON", description: "Layer4 connection problem", failed: true,
                              durationMs: durationMs)
        }
    }

    /// Applies one result and returns the delay before the next check.
    private func record(_ failure: String?, _ tracker: HealthTracker, durationMs: Int, statusChanged: Bool) -> Int {
        let backend = engine.backends[tracker.backend]
        let name = backend.plan.servers[tracker.server].name
        let (change, moved) = tracker.apply(passed: failure == nil)
        if moved || statusChanged, backend.plan.log.healthChecks, let logger = engine.backendLoggers[tracker.backend] {
            let reason = failure ?? ServerStateMessages.passReason(backend.plan.healthCheck)
            logger.send(tracker.report(backend: backend.plan, passed: failure == nil, reason: reason, durationMs: durationMs,
                                       weight: backend.runtimeWeight(tracker.server)), level: LogLevel.notice)
        }
        switch change {
        case .wentDown:
            backend.setUp(tracker.server, false)
            engine.events(.serverDown(backend: backend.plan.name, server: name, reason: failure ?? ""))
            ServerStateMessages.log(engine, backend: tracker.backend, server: tracker.server, up: false, reason: failure ?? "",
                                    durationMs: durationMs)
        case .cameUp:
            backend.setUp(tracker.server, true)
            engine.events(.serverUp(backend: backend.plan.name, server: name, reason: "Layer7/Layer4 check passed"))
            ServerStateMessages.log(engine, backend: tracker.backend, server: tracker.server, up: true,
                                    reason: ServerStateMessages.passReason(backend.plan.healthCheck), durationMs: durationMs)
        case .unchanged: break
        }
        return tracker.nextDelayMs
    }
}
