import NIOConcurrencyHelpers
import NIOCore
import RuntimePlan

/// What every connection handler shares: the plan, the router, the live
/// backends, the per-loop server pools and the event sink.
final class EngineContext: Sendable {
    let plan: RuntimePlan
    let router: RequestRouter
    let backends: [BackendState]
    let events: EngineEventSink
    let connections: ConnectionTracker
    private let pools = NIOLockedValueBox<[ObjectIdentifier: NIOLoopBound<UpstreamPool>]>([:])

    init(plan: RuntimePlan, events: @escaping EngineEventSink) {
        self.plan = plan
        self.router = RequestRouter(plan: plan)
        self.backends = plan.backends.map(BackendState.init)
        self.events = events
        self.connections = ConnectionTracker(globalLimit: plan.global.maxconn, frontends: plan.frontends)
    }

    func backendIndex(named name: String) -> Int? { plan.backends.firstIndex { $0.name == name } }

    /// The server pool of the calling event loop.
    func pool(for loop: EventLoop) -> UpstreamPool {
        loop.preconditionInEventLoop()
        let key = ObjectIdentifier(loop)
        if let bound = pools.withLockedValue({ $0[key] }) { return bound.value }
        let pool = UpstreamPool(eventLoop: loop)
        pools.withLockedValue { $0[key] = NIOLoopBound(pool, eventLoop: loop) }
        return pool
    }
}

/// Tell a connection handler the engine is stopping: close when idle.
struct DrainEvent: Sendable {}
