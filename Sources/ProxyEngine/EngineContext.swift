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
    /// What the connections of each frontend share, by name.
    private let frontendContexts: [String: FrontendContext]
    /// Each backend's timeouts, by position.
    let backendTimeouts: [BackendTimeouts]
    /// Each backend's `option forwardfor`, by position.
    let backendForwarding: [ForwardingRule?]
    private let backendIndexes: [String: Int]
    private let pools = NIOLockedValueBox<[ObjectIdentifier: NIOLoopBound<ServerConnectionPool>]>([:])

    init(plan: RuntimePlan, events: @escaping EngineEventSink) {
        self.plan = plan
        self.router = RequestRouter(plan: plan)
        self.backends = plan.backends.map(BackendState.init)
        self.events = events
        self.connections = ConnectionTracker(globalLimit: plan.global.maxconn)
        self.backendTimeouts = plan.backends.map(BackendTimeouts.init)
        self.backendForwarding = plan.backends.map { $0.options.forwardFor.map(ForwardingRule.init) }
        self.backendIndexes = Dictionary(plan.backends.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { first, _ in first })
        self.frontendContexts = Dictionary(plan.frontends.map { ($0.name, FrontendContext(plan: $0, runtime: plan)) },
                                           uniquingKeysWith: { first, _ in first })
    }

    func backendIndex(named name: String) -> Int? { backendIndexes[name] }

    /// The shared part of a frontend's connections (made on the spot for a frontend the plan does not list).
    func frontendContext(_ frontend: FrontendPlan) -> FrontendContext {
        frontendContexts[frontend.name] ?? FrontendContext(plan: frontend, runtime: plan)
    }

    /// The server pool of the calling event loop.
    func pool(for loop: EventLoop) -> ServerConnectionPool {
        loop.preconditionInEventLoop()
        let key = ObjectIdentifier(loop)
        if let bound = pools.withLockedValue({ $0[key] }) { return bound.value }
        let pool = ServerConnectionPool(eventLoop: loop)
        pools.withLockedValue { $0[key] = NIOLoopBound(pool, eventLoop: loop) }
        return pool
    }
}

/// Tell a connection handler the engine is stopping: close when idle.
struct DrainEvent: Sendable {}

/// Counts client connections per frontend and in total, pauses accepting
/// (as HAProxy does) while a `maxconn` is reached, and finds the open
/// connections when the engine stops.
final class ConnectionTracker: Sendable {
    private struct State {
        var total = 0
        var perFrontend: [String: Int] = [:]
        var channels: [ObjectIdentifier: Channel] = [:]
        var listeners: [(frontend: String, channel: Channel)] = []
        var draining = false
    }

    let globalLimit: Int?
    private let state = NIOLockedValueBox(State())

    init(globalLimit: Int?) { self.globalLimit = globalLimit }

    var isDraining: Bool { state.withLockedValue { $0.draining } }
    var openCount: Int { state.withLockedValue { $0.total } }

    func addListener(_ channel: Channel, frontend: String) {
        state.withLockedValue { $0.listeners.append((frontend, channel)) }
    }

    func opened(_ channel: Channel, frontend: String, limit: Int?) {
        let pause = state.withLockedValue { state -> [Channel] in
            state.total += 1
            state.perFrontend[frontend, default: 0] += 1
            state.channels[ObjectIdentifier(channel)] = channel
            return listenersToToggle(state, frontendLimit: limit, frontend: frontend)
        }
        for listener in pause { listener.setOption(.autoRead, value: false).whenComplete { _ in } }
    }

    func closed(_ channel: Channel, frontend: String, limit: Int?) {
        let resume = state.withLockedValue { state -> [Channel] in
            state.total -= 1
            state.perFrontend[frontend, default: 1] -= 1
            state.channels[ObjectIdentifier(channel)] = nil
            guard !state.draining else { return [] }
            let globalRoom = globalLimit.map { state.total < $0 } ?? true
            let frontendRoom = limit.map { state.perFrontend[frontend, default: 0] < $0 } ?? true
            guard globalRoom else { return [] }
            return state.listeners.filter { frontendRoom || $0.frontend != frontend }.map(\.channel)
        }
        for listener in resume where listener.isActive {
            listener.setOption(.autoRead, value: true).whenComplete { _ in }
        }
    }

    private func listenersToToggle(_ state: State, frontendLimit: Int?, frontend: String) -> [Channel] {
        if let globalLimit, state.total >= globalLimit { return state.listeners.map(\.channel) }
        if let frontendLimit, state.perFrontend[frontend, default: 0] >= frontendLimit {
            return state.listeners.filter { $0.frontend == frontend }.map(\.channel)
        }
        return []
    }

    /// Stops accepting: closes the listeners and tells open connections to finish.
    func drain() -> [EventLoopFuture<Void>] {
        let (listeners, channels) = state.withLockedValue { state in
            state.draining = true
            return (state.listeners.map(\.channel), Array(state.channels.values))
        }
        let closing = listeners.map { $0.close() }
        for channel in channels { channel.pipeline.fireUserInboundEventTriggered(DrainEvent()) }
        return closing
    }
}
