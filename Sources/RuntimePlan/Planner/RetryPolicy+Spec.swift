import HAProxyConfig
import RuntimePlan

extension RetryPolicy {
    /// The engine's policy for a `retry-on` line as the semantic layer reads it; nil when HAProxy refuses the line.
    init?(_ spec: RetryOnSpec) {
        guard spec.problem == nil else { return nil }
        self.init()
        connectionFailure = spec.failures.contains(.connectionFailure)
        emptyResponse = spec.failures.contains(.emptyResponse)
        junkResponse = spec.failures.contains(.junkResponse)
        responseTimeout = spec.failures.contains(.responseTimeout)
        earlyDataRejected = spec.failures.contains(.earlyDataRejected)
        statuses = spec.statuses
    }
}
