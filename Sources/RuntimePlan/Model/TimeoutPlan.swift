/// A frontend's timeouts as the engine applies them, in milliseconds (nil: no
/// limit), resolved when the plan is made from the section's `timeout` lines
/// with HAProxy 2.6's fallbacks, so that no connection looks a timeout up by
/// name. The fallbacks are those the installed haproxy 2.6.12 shows (measured
/// by `TimeoutResolutionDifferentialTests`): its HTTP/1 client side runs one
/// timer, `timeout client`, and the idle waits only ever shorten it.
public struct FrontendTimeoutPlan: Sendable, Hashable, Codable {
    /// `timeout client`: the idle limit of a `mode tcp` client and of an HTTP/2 connection.
    public var clientMs: Int?
    /// `timeout client-fin`: in `mode tcp` and a tunnel, the client side's idle limit once the
    /// engine has shut its write side toward the client (it replaces `timeout client` and `tunnel` then).
    public var clientFinMs: Int?
    /// The wait for a request head, from the connection or from the first byte of a
    /// next request: the shorter of `timeout http-request` and `timeout client`.
    public var requestMs: Int?
    /// The wait for the next request on an idle keep-alive connection: the shorter of
    /// `timeout http-keep-alive` (else `timeout http-request`) and `timeout client`.
    public var keepAliveMs: Int?

    public init(clientMs: Int? = nil, clientFinMs: Int? = nil, requestMs: Int? = nil, keepAliveMs: Int? = nil) {
        self.clientMs = clientMs
        self.clientFinMs = clientFinMs
        self.requestMs = requestMs
        self.keepAliveMs = keepAliveMs
    }

    /// Resolves the `timeout` lines of a frontend, `written` keyed by HAProxy's names.
    /// Without `timeout client` haproxy arms no timer on an HTTP/1 client
    /// connection at all (it warns about it), so neither wait is set then.
    public init(written: [String: Int]) {
        let client = written["client"]
        self.init(clientMs: client, clientFinMs: written["client-fin"],
                  requestMs: client.map { client in written["http-request"].map { min($0, client) } ?? client },
                  keepAliveMs: client.map { client in min(written["http-keep-alive"] ?? written["http-request"] ?? client, client) })
    }
}

/// A backend's timeouts as the engine applies them, in milliseconds (nil: no
/// limit), resolved when the plan is made with HAProxy 2.6's fallbacks.
public struct BackendTimeoutPlan: Sendable, Hashable, Codable {
    /// The connection to a server: `timeout connect`, else 5 s (HAProxy waits for
    /// the kernel, minutes; the engine bounds it and `weir lint` flags the missing line).
    public var connectMs: Int
    /// `timeout server`: the longest silence of a server while a response is awaited or streamed.
    public var serverMs: Int?
    /// `timeout server-fin`: in `mode tcp` and a tunnel, the server side's idle limit once the
    /// engine has shut its write side toward the server (it replaces `timeout server` and `tunnel` then).
    public var serverFinMs: Int?
    /// The longest wait in a server's queue: `timeout queue`, else the connect timeout.
    public var queueMs: Int
    /// `timeout tunnel`: the idle limit of both sides once a tunnel is established
    /// (after an upgrade; in `mode tcp` once the server is connected). nil: each
    /// side keeps its own, `timeout client` and `timeout server`, as in HAProxy.
    public var tunnelMs: Int?
    /// `timeout check`: the wait for a health check's answer once connected (nil: `inter`).
    public var checkMs: Int?

    /// HAProxy's connect timeout when none is written, as the engine applies it.
    public static let defaultConnectMs = 5000

    public init(connectMs: Int = BackendTimeoutPlan.defaultConnectMs, serverMs: Int? = nil, serverFinMs: Int? = nil,
                queueMs: Int? = nil, tunnelMs: Int? = nil, checkMs: Int? = nil) {
        self.connectMs = connectMs
        self.serverMs = serverMs
        self.serverFinMs = serverFinMs
        self.queueMs = queueMs ?? connectMs
        self.tunnelMs = tunnelMs
        self.checkMs = checkMs
    }

    /// Resolves the `timeout` lines of a backend, `written` keyed by HAProxy's names.
    public init(written: [String: Int]) {
        self.init(connectMs: written["connect"] ?? Self.defaultConnectMs, serverMs: written["server"],
                  serverFinMs: written["server-fin"], queueMs: written["queue"], tunnelMs: written["tunnel"],
                  checkMs: written["check"])
    }
}
