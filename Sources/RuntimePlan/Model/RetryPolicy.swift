/// `retry-on`: the failures after which HAProxy 2.6 sends a request again
/// (within `retries`). Only `conn-failure` (the default) retries before any
/// byte reached the server; every other condition replays a request the
/// server may have received, which HAProxy does only for a request it holds
/// whole (received completely, within one buffer). The planner fills it from the line as the semantic layer reads
/// it (`RetryOnSpec`).
public struct RetryPolicy: Sendable, Hashable, Codable {
    /// `conn-failure`: the connection (or its TLS handshake) failed before the request was sent.
    public var connectionFailure = true
    /// `empty-response`: the server closed without answering a byte.
    public var emptyResponse = false
    /// `junk-response`: the server answered something that is not an HTTP response head.
    public var junkResponse = false
    /// `response-timeout`: `timeout server` struck before the response began.
    public var responseTimeout = false
    /// `0rtt-rejected`: the server refused the request sent as TLS early data.
    public var earlyDataRejected = false
    /// Response statuses that are retried (`401`, `403`, `404`, `408`, `425`, `500`…`504`).
    public var statuses: Set<Int> = []

    /// HAProxy's default: `conn-failure`.
    public init() {}

    /// Whether a request that reached the server may be sent again (then the engine keeps a copy of it).
    public var replaysRequests: Bool {
        emptyResponse || junkResponse || responseTimeout || earlyDataRejected || !statuses.isEmpty
    }
}
