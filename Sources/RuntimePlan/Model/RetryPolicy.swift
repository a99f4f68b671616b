/// `retry-on`: the failures after which HAProxy 2.6 sends a request again
/// (within `retries`). Only `conn-failure` (the default) retries before any
/// byte reached the server; every other condition replays a request the
/// server may have received, which HAProxy does only for a request it holds
/// whole (received completely, within one buffer).
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

    /// The policy of a `retry-on` line's words; nil when a word is not one HAProxy 2.6 knows.
    public init?(words: [String]) {
        connectionFailure = false
        for word in words {
            switch word {
            case "none": continue
            case "conn-failure": connectionFailure = true
            case "empty-response": emptyResponse = true
            case "junk-response": junkResponse = true
            case "response-timeout": responseTimeout = true
            case "0rtt-rejected": earlyDataRejected = true
            case "all-retryable-errors":
                connectionFailure = true
                emptyResponse = true
                junkResponse = true
                responseTimeout = true
                earlyDataRejected = true
                statuses.formUnion([500, 502, 503, 504])
            default:
                guard let status = Int(word), Self.retryableStatuses.contains(status) else { return nil }
                statuses.insert(status)
            }
        }
    }

    /// The statuses `retry-on` accepts.
    public static let retryableStatuses: Set<Int> = [401, 403, 404, 408, 425, 500, 501, 502, 503, 504]

    /// Whether a request that reached the server may be sent again (then the engine keeps a copy of it).
    public var replaysRequests: Bool {
        emptyResponse || junkResponse || responseTimeout || earlyDataRejected || !statuses.isEmpty
    }
}
