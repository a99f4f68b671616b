import NIOCore
import RuntimePlan

/// What every connection of one frontend shares, resolved once from the plan:
/// its waits for a request, the answers of its `stats` lines, its `option forwardfor`.
final class FrontendContext: Sendable {
    let plan: FrontendPlan
    /// The frontend's position in the plan: its row in the traffic counters.
    let statsIndex: Int
    /// `timeout http-request` bounded by `timeout client`: the wait for a request head
    /// (a connection's first, or a next one once its first byte came).
    let requestWait: TimeAmount?
    /// `timeout http-keep-alive` bounded by `timeout client`: the wait for the next request's first byte.
    let keepAliveWait: TimeAmount?
    /// `timeout client`: the client side's idle limit in a tunnel without `timeout tunnel`.
    let clientIdle: TimeAmount?
    /// `timeout client-fin`: the client side's limit in a tunnel once its write side is shut.
    let clientFin: TimeAmount?
    /// The stats page of the proxy's `stats` lines.
    let statsPage: StatsPage?
    /// `http-request use-service prometheus-exporter`: its condition, with the evaluator that tests it.
    let prometheus: (plan: PrometheusExporterPlan, evaluator: ACLEvaluator)?
    /// `monitor-uri`: the target the frontend answers itself.
    let monitor: MonitorPlan?
    /// The frontend's `option forwardfor`, used when the backend has none.
    let forwarding: ForwardingRule?
    /// Whether `tcp-request content` rules run before each request.
    let hasContentRules: Bool
    /// The frontend's `errorfile` pages.
    let errorFiles: ErrorFilePages
    /// The frontend's traffic log; nil without log targets (nothing is recorded then).
    let trafficLog: TrafficLogEmitter?
    /// The backends of its `use_backend` rules and `default_backend`, by position.
    let backendTargets: BackendTargets
    /// Whether `http-response` or `http-after-response` rules run for a response, by backend
    /// position (the last entry: no backend chosen); decided once, not per response.
    private let runsResponseRules: [Bool]
    /// Whether `http-after-response` rules run for an answer made here, in the same order.
    private let runsAfterResponseRules: [Bool]

    init(plan: FrontendPlan, runtime: RuntimePlan, router: RequestRouter? = nil, rings: LogRings = LogRings(),
         warn: (String) -> Void = { _ in }) {
        self.plan = plan
        let router = router ?? RequestRouter(plan: runtime)
        let backends = Array(runtime.backends.indices).map(Optional.some) + [nil]
        runsResponseRules = backends.map { router.hasResponseRules(plan, backendIndex: $0) }
        runsAfterResponseRules = backends.map { router.hasAfterResponseRules(plan, backendIndex: $0) }
        statsIndex = runtime.frontends.firstIndex { $0.name == plan.name } ?? 0
        requestWait = plan.timeouts.requestMs.map { .milliseconds(Int64($0)) }
        keepAliveWait = plan.timeouts.keepAliveMs.map { .milliseconds(Int64($0)) }
        clientIdle = plan.timeouts.clientMs.map { .milliseconds(Int64($0)) }
        clientFin = plan.timeouts.clientFinMs.map { .milliseconds(Int64($0)) }
        statsPage = StatsPage(frontend: plan, runtime: runtime)
        prometheus = plan.prometheusExporter.map { ($0, ACLEvaluator(plan: runtime)) }
        monitor = plan.monitor
        forwarding = plan.options.forwardFor.map(ForwardingRule.init)
        hasContentRules = plan.tcpRequestRules.contains { $0.stage == .content }
        errorFiles = ErrorFilePages(plan.errorFiles)
        backendTargets = BackendTargets(frontend: plan, plan: runtime)
        trafficLog = ProxyLogger(plan: plan.log, global: runtime.global.log, rings: rings, warn: warn).map { TrafficLogEmitter(logger: $0, frontend: plan) }
    }

    /// Whether any response rule runs for a server's response through this backend.
    func hasResponseRules(backendIndex: Int?) -> Bool { runsResponseRules[slot(backendIndex)] }

    /// Whether any `http-after-response` rule runs for an answer made here (backend nil: none chosen yet).
    func hasAfterResponseRules(backendIndex: Int?) -> Bool { runsAfterResponseRules[slot(backendIndex)] }

    private func slot(_ backend: Int?) -> Int {
        guard let backend, backend >= 0, backend < runsResponseRules.count - 1 else { return runsResponseRules.count - 1 }
        return backend
    }
}

/// `option forwardfor` as the data path applies it, its `except` network parsed once.
struct ForwardingRule: Sendable {
    let header: String
    let except: NetworkPattern?
    let ifNone: Bool

    init(_ option: ForwardFor) {
        header = option.header
        except = option.except.flatMap(NetworkPattern.init)
        ifNone = option.ifNone
    }

    /// Whether a client at `source` is excepted from the header.
    func excepts(_ source: String) -> Bool {
        guard let except else { return false }
        return IPAddressBytes(source).map(except.contains) ?? false
    }
}
