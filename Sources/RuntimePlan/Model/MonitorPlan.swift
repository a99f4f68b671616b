/// `monitor-uri` and `monitor fail`: the URI a frontend answers itself for
/// external monitors (a load balancer, keepalived's `vrrp_script`), 200
/// "Service ready." or 503 when a `monitor fail` condition holds.
public struct MonitorPlan: Sendable, Hashable, Codable {
    /// The request target answered, compared whole (a query string makes another target), as HAProxy does.
    public var uri: String
    /// `monitor fail if|unless COND`, in order: any that holds makes the answer 503.
    public var failConditions: [Predicate]

    public init(uri: String, failConditions: [Predicate] = []) {
        self.uri = uri
        self.failConditions = failConditions
    }
}
