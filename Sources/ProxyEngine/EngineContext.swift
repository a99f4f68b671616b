import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import RuntimePlan

/// What every connection handler shares: the plan, the router, the live
/// backends, the per-loop server pools and the event sink.
final class EngineContext: Sendable {
    let plan: RuntimePlan
    let router: RequestRouter
    let backends: [BackendState]
    let events: EngineEventSink
    let connections: ConnectionTracker
    /// How a soft stop closes keep-alive connections (`close-spread-time`).
    let softStopClose: SoftStopClose
    /// Traffic counters, one shard per event loop (`show stat`, the stats page).
    let statistics: TrafficStatistics
    /// When the engine was made (`show info`'s uptime).
    let startedAt = NIODeadline.now()
    /// The event-loop threads (`show info`'s Nbthread).
    var threadCount: Int { plan.global.nbthread ?? System.coreCount }
    /// The live stick tables, shared by every event loop.
    let stickTables: StickTableSet
    /// The head limits of `tune.bufsize`, `tune.maxrewrite`, `tune.http.maxhdr`.
    let limits: H1Limits
    /// Where idle keep-alive client connections wait outside their channels; nil: they keep their channels.
    let parking: IdleParking?
    /// What the connections of each frontend share, by name (looked up once per listener).
    private let frontendContexts: [String: FrontendContext]
    /// Each backend's timeouts, by position.
    let backendTimeouts: [BackendTimeouts]
    /// Each backend's `errorfile` pages, by position.
    let backendErrorFiles: [ErrorFilePages]
    /// Each backend's `option forwardfor`, by position.
    let backendForwarding: [ForwardingRule?]
    /// Variables of the `proc` scope, shared by every connection.
    let processVariables = NIOLockedValueBox<[String: Sample]>([:])
    /// Whether any rule reads or writes a `proc` variable (otherwise requests never take its lock).
    let usesProcessVariables: Bool
    /// Each backend's logger (server state changes, health checks), by position; nil without log targets.
    let backendLoggers: [ProxyLogger?]
    /// The `ring` sections' buffers (`log ring@NAME`, `show events`).
    let logRings: LogRings
    /// Each event loop's server connections and balancers, found without a lock.
    private let pools: LoopLocal<ServerConnectionPool>
    private let loopBalancers: LoopLocal<LoopBalancers>
    /// TLS toward the servers that have `ssl` or `check-ssl`.
    let serverTLS: ServerTLSContexts

    /// `loops`: the event loops the engine runs on (their per-loop state is laid out once, here).
    init(plan: RuntimePlan, events: @escaping EngineEventSink, idleParkingDelay: TimeAmount?, loops: [EventLoop] = []) {
        self.plan = plan
        self.parking = idleParkingDelay.map(IdleParking.init)
        let router = RequestRouter(plan: plan)
        self.router = router
        let backends = plan.backends.map(BackendState.init)
        self.backends = backends
        self.pools = LoopLocal(loops: loops) { ServerConnectionPool(eventLoop: $0) }
        self.loopBalancers = LoopLocal(loops: loops) { _ in LoopBalancers(backends) }
        self.events = events
        self.connections = ConnectionTracker(globalLimit: plan.global.maxconn, frontends: plan.frontends, loops: loops)
        self.softStopClose = SoftStopClose(plan.global.process?.closeSpread)
        self.statistics = TrafficStatistics(plan: plan, loops: loops)
        self.stickTables = StickTableSet(plan)
        self.limits = plan.global.buffers.map(H1Limits.init) ?? H1Limits()
        self.backendTimeouts = plan.backends.map { BackendTimeouts($0.timeouts) }
        self.usesProcessVariables = Self.ruleTexts(plan).contains { $0.contains("proc.") }
        self.backendErrorFiles = plan.backends.map { ErrorFilePages($0.errorFiles) }
        self.backendForwarding = plan.backends.map { $0.options.forwardFor.map(ForwardingRule.init) }
        self.serverTLS = ServerTLSContexts(plan)
        let warn: (String) -> Void = { events(.warning($0)) }
        let rings = LogRings(plan.global.log.rings)
        self.logRings = rings
        self.backendLoggers = plan.backends.map { ProxyLogger(plan: $0.log, global: plan.global.log, rings: rings, warn: warn) }
        self.frontendContexts = Dictionary(
            plan.frontends.map { ($0.name, FrontendContext(plan: $0, runtime: plan, router: router, rings: rings, warn: warn)) },
            uniquingKeysWith: { first, _ in first })
        // The `global` section's `set-var` lines, computed once at start as HAProxy does.
        let initialVariables = plan.initialProcessVariables
        if !initialVariables.isEmpty { processVariables.withLockedValue { $0 = initialVariables } }
    }

    /// Every rule and ACL test of the plan as written.
    private static func ruleTexts(_ plan: RuntimePlan) -> [String] {
        var texts: [String] = []
        for frontend in plan.frontends {
            let rules: [HTTPRequestRule] = frontend.httpRequestRules + frontend.httpResponseRules + frontend.httpAfterResponseRules
            texts += rules.map(\.text)
            texts += frontend.tcpRequestRules.map(\.text)
            texts += frontend.acls.flatMap(\.tests).map(\.text)
        }
        for backend in plan.backends {
            let rules: [HTTPRequestRule] = backend.httpRequestRules + backend.httpResponseRules + backend.httpAfterResponseRules
            texts += rules.map(\.text)
            texts += backend.acls.flatMap(\.tests).map(\.text)
        }
        return texts
    }

    /// The shared part of a frontend's connections (made on the spot for a frontend the plan does not list).
    func frontendContext(_ frontend: FrontendPlan) -> FrontendContext {
        frontendContexts[frontend.name] ?? FrontendContext(plan: frontend, runtime: plan, router: router, rings: logRings)
    }

    /// The server pool of the calling event loop.
    func pool(for loop: EventLoop) -> ServerConnectionPool {
        loop.preconditionInEventLoop()
        return pools.value(on: loop)
    }

    /// The balancers of the calling event loop (taken once per connection, then used without a lock).
    func balancers(for loop: EventLoop) -> LoopBalancers {
        loop.preconditionInEventLoop()
        return loopBalancers.value(on: loop)
    }
}

/// Tell a connection handler the engine is stopping: close when idle.
struct DrainEvent: Sendable {}
