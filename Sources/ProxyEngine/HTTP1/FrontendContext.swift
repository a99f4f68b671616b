import NIOCore
import RuntimePlan

/// What every connection of one frontend shares, resolved once from the plan:
/// its waits for a request and the answers of its `stats` lines.
final class FrontendContext: Sendable {
    let plan: FrontendPlan
    /// `timeout http-request` (or `client`): the wait for a connection's first request.
    let requestWait: TimeAmount?
    /// `timeout http-keep-alive` (or the request wait): the wait for the next one.
    let keepAliveWait: TimeAmount?
    /// What `stats` lines make the proxy answer on its stats URI.
    let statsGate: StatsAuthGate?

    init(plan: FrontendPlan, runtime: RuntimePlan) {
        self.plan = plan
        let request = (plan.timeoutsMs["http-request"] ?? plan.timeoutsMs["client"]).map { TimeAmount.milliseconds(Int64($0)) }
        requestWait = request
        keepAliveWait = plan.timeoutsMs["http-keep-alive"].map { TimeAmount.milliseconds(Int64($0)) } ?? request
        statsGate = StatsAuthGate(plan: runtime, proxy: plan.name)
    }
}
