import NIOCore
import RuntimePlan

extension ProxyEngine {
    /// HAProxy's soft stop (SIGUSR1, and the old process of a reload): the
    /// listeners stay open for `grace` (at least `queueDrainMs`), then close; the connections in
    /// flight finish (idle keep-alive connections close, busy ones close
    /// after their response, spread over `close-spread-time` when set); once `hard-stop-after` has passed since the
    /// stop began, whatever is still open is closed. Without
    /// `hard-stop-after` it waits as long as a connection stays open.
    public func softStop() async {
        let process = engine.plan.global.process
        let started = ContinuousClock.now
        engine.events(.stopping)
        // At least a moment: a reload's new process has already taken the new connections
        // (ReusePortSteering); the connections the kernel queued before are accepted, not reset.
        try? await Task.sleep(for: .milliseconds(max(process?.graceMs ?? 0, Self.queueDrainMs)))
        engine.softStopClose.begin()
        await closeListeners()
        let deadline = process?.hardStopAfterMs.map { started + .milliseconds($0) }
        while engine.connections.openCount > 0 {
            if let deadline, ContinuousClock.now >= deadline {
                engine.events(.hardStop(closing: await engine.connections.closeAll()))
                break
            }
            try? await Task.sleep(for: .milliseconds(20))
        }
        engine.parking?.stop()
        for service in peers { await service.stop() }
        engine.events(.stopped)
    }

    /// How long a soft stop keeps the listeners open at least, for what is already in their queues.
    static let queueDrainMs = 100

    /// HAProxy's hard stop (SIGTERM): the listeners and every connection close now.
    public func hardStop() async {
        await closeListeners()
        engine.parking?.stop()
        let open = engine.connections.openCount
        if open > 0 { engine.events(.hardStop(closing: await engine.connections.closeAll())) }
        for service in peers { await service.stop() }
        engine.events(.stopped)
    }

    private func closeListeners() async {
        let accepted = engine.connections.acceptedCounts()
        for closing in engine.connections.drain() { try? await closing.get() }
        // Parked keep-alive connections are idle: they close as idle ones do (with the listeners, unless
        // `close-spread-time` spreads or leaves their closing).
        engine.parking?.beginStop(engine.softStopClose)
        // As HAProxy's, the stats sockets stop too (sessions open finish): the next reload's `-x`
        // reaches the new process, which may hold the same socket.
        for listener in runtimeListeners.withLockedValue({ $0 }) { try? await listener.close() }
        for frontend in engine.plan.frontends {
            engine.events(.proxyStopped(frontend: frontend.name, connections: accepted[frontend.name] ?? 0))
        }
    }
}
