import NIOCore
import RuntimePlan

/// What every connection of one frontend shares, resolved once from the plan:
/// its waits for a request, the answers of its `stats` lines, its `option forwardfor`.
final class FrontendContext: Sendable {
    let plan: FrontendPlan
    /// `timeout http-request` (or `client`): the wait for a connection's first request.
    let requestWait: TimeAmount?
    /// `timeout http-keep-alive` (or the request wait): the wait for the next one.
    let keepAliveWait: TimeAmount?
    /// What `stats` lines make the proxy answer on its stats URI.
    let statsGate: StatsAuthGate?
    /// The frontend's `option forwardfor`, used when the backend has none.
    let forwarding: ForwardingRule?
    /// The frontend's traffic log; nil without log targets (nothing is recorded then).
    let trafficLog: TrafficLogEmitter?

    init(plan: FrontendPlan, runtime: RuntimePlan, warn: (String) -> Void = { _ in }) {
        self.plan = plan
        let request = (plan.timeoutsMs["http-request"] ?? plan.timeoutsMs["client"]).map { TimeAmount.milliseconds(Int64($0)) }
        requestWait = request
        keepAliveWait = plan.timeoutsMs["http-keep-alive"].map { TimeAmount.milliseconds(Int64($0)) } ?? request
        statsGate = StatsAuthGate(plan: runtime, proxy: plan.name)
        forwarding = plan.options.forwardFor.map(ForwardingRule.init)
        trafficLog = ProxyLogger(plan: plan.log, global: runtime.global.log, warn: warn).map { TrafficLogEmitter(logger: $0, frontend: plan) }
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
