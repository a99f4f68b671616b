import NIOCore
import RuntimePlan

/// Checks the servers with `check` of every backend on their own timers,
/// applying HAProxy's rules: `fall` consecutive failures take an UP server
/// DOWN, `rise` consecutive passes bring it back; `inter` while stable,
/// `fastinter` while changing, `downinter` while DOWN.
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
                                        connectTimeoutMs: min(timing.interMs, backend.timeoutsMs["connect"] ?? timing.interMs),
                                        responseTimeoutMs: backend.timeoutsMs["check"] ?? timing.interMs)
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
                let failure: String? = switch result {
                case .success(let reason): reason
                case .failure(let error): "\(error)"
                }
                self.noteCheck(result, tracker)
                let durationMs = Int((NIODeadline.now() - started).nanoseconds / 1_000_000)
                let next = self.record(failure, tracker, durationMs: durationMs)
                self.schedule(probe, tracker, on: loop, after: next)
            }
        }
    }

    /// Keeps HAProxy's `check_status` and description of a result for the runtime API.
    private func noteCheck(_ result: Result<String?, Error>, _ tracker: HealthTracker) {
        let backend = engine.backends[tracker.backend]
        let layer7 = backend.plan.healthCheck?.kind == .http
        switch result {
        case .success(nil):
            backend.noteCheck(tracker.server, status: layer7 ? "L7OK" : "L4OK",
                              description: layer7 ? "Layer7 check passed" : "Layer4 check passed", failed: false)
        case .success(let reason?):
            backend.noteCheck(tracker.server, status: layer7 ? "L7STS" : "L4CON", description: reason, failed: true)
        case .failure:
            backend.noteCheck(tracker.server, status: "L4CON", description: "Layer4 connection problem", failed: true)
        }
    }

    /// Applies one result and returns the delay before the next check.
    private func record(_ failure: String?, _ tracker: HealthTracker, durationMs: Int) -> Int {
        let backend = engine.backends[tracker.backend]
        let name = backend.plan.servers[tracker.server].name
        switch tracker.apply(passed: failure == nil) {
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

/// The rise/fall counters of one server's checks; only its own event loop touches it.
final class HealthTracker: @unchecked Sendable {
    /// What one check result did to the server's state.
    enum Change { case wentDown, cameUp, unchanged }

    let backend: Int
    let server: Int
    let timing: ServerCheckPlan
    private(set) var up = true
    private var consecutive = 0

    init(backend: Int, server: Int, timing: ServerCheckPlan) {
        self.backend = backend
        self.server = server
        self.timing = timing
    }

    func apply(passed: Bool) -> Change {
        if passed == up {
            consecutive = 0
            return .unchanged
        }
        consecutive += 1
        guard consecutive >= (up ? timing.fall : timing.rise) else { return .unchanged }
        up.toggle()
        consecutive = 0
        return up ? .cameUp : .wentDown
    }

    var nextDelayMs: Int {
        if !up && consecutive == 0 { return timing.downinterMs }
        return consecutive > 0 ? timing.fastinterMs : timing.interMs
    }
}
