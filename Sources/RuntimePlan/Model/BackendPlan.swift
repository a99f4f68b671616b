/// The server side of a `backend` or `listen` section.
public struct BackendPlan: Sendable, Hashable, Codable {
    public var name: String
    public var mode: ProxyMode
    public var balance: BalancePlan
    public var servers: [ServerPlan]
    /// The server-side timeouts, resolved with HAProxy's fallbacks.
    public var timeouts: BackendTimeoutPlan
    public var options: HTTPOptions
    /// `retries`: further connection attempts after the first fails.
    public var retries: Int
    /// `option redispatch`: a retry may go to another server.
    public var redispatch: Bool
    /// `retry-on` in `mode http`; nil: HAProxy's default, `conn-failure`.
    public var retryOn: RetryPolicy? = nil
    /// `option allbackups`: use every backup server at once instead of the first.
    public var allBackups: Bool
    /// How servers with `check` are probed; nil when no server checks.
    public var healthCheck: HealthCheckPlan?
    /// `http-request` rules of the backend, in order.
    public var httpRequestRules: [HTTPRequestRule]
    /// Cookie and stick-table persistence; nil when the backend has neither.
    public var persistence: PersistencePlan?
    /// `errorfile` pages by status.
    public var errorFiles: [ErrorFile] = []
    /// `http-response` rules in order (a backend's run before its frontend's).
    public var httpResponseRules: [HTTPRequestRule] = []
    /// `http-after-response` rules in order, run on every response, also those the proxy makes.
    public var httpAfterResponseRules: [HTTPRequestRule] = []
    public var acls: [NamedACL]
    /// What the proxy logs and where (no target: nothing is logged).
    public var log: ProxyLogPlan = ProxyLogPlan()
    public var source: SourceRef
    /// The section's `compression` lines with its defaults' (nil when there are none).
    public var compression: CompressionPlan? = nil

    public init(name: String, mode: ProxyMode, balance: BalancePlan = BalancePlan(), servers: [ServerPlan] = [],
                timeouts: BackendTimeoutPlan = BackendTimeoutPlan(), options: HTTPOptions = HTTPOptions(), retries: Int = 3,
                redispatch: Bool = false, allBackups: Bool = false, healthCheck: HealthCheckPlan? = nil,
                httpRequestRules: [HTTPRequestRule] = [], acls: [NamedACL] = [], source: SourceRef) {
        self.name = name
        self.mode = mode
        self.balance = balance
        self.servers = servers
        self.timeouts = timeouts
        self.options = options
        self.retries = retries
        self.redispatch = redispatch
        self.allBackups = allBackups
        self.healthCheck = healthCheck
        self.httpRequestRules = httpRequestRules
        self.acls = acls
        self.source = source
    }
}

/// `balance ALGORITHM [PARAMETER]` with `hash-type`.
public struct BalancePlan: Sendable, Hashable, Codable {
    /// The balancing algorithms the engine knows.
    public enum Algorithm: String, Sendable, Hashable, Codable, CaseIterable {
        case roundrobin, staticRoundRobin = "static-rr", leastconn, first, source, uri, urlParam = "url_param"
        case header = "hdr", random
    }

    /// How a hash picks a server.
    public enum HashType: String, Sendable, Hashable, Codable {
        /// Hash modulo the total weight of the servers that are up.
        case mapBased = "map-based"
        /// A ring of points per server: few keys move when a server comes or goes.
        case consistent
    }

    public var algorithm: Algorithm
    /// The header name of `hdr(NAME)` or the parameter of `url_param NAME`.
    public var parameter: String?
    public var hashType: HashType
    /// `balance uri whole`: hash the query string too.
    public var wholeURI: Bool

    public init(algorithm: Algorithm = .roundrobin, parameter: String? = nil, hashType: HashType = .mapBased,
                wholeURI: Bool = false) {
        self.algorithm = algorithm
        self.parameter = parameter
        self.hashType = hashType
        self.wholeURI = wholeURI
    }
}

/// One `server` line, with `default-server` settings applied.
public struct ServerPlan: Sendable, Hashable, Codable {
    public var name: String
    /// Where the engine connects: an IP address or host name with a port, a Unix socket path or an abstract name.
    public var address: SocketEndpoint
    public var weight: Int
    /// The most concurrent connections to this server; further requests wait in its queue.
    public var maxconn: Int?
    /// `maxqueue`: the most requests waiting for this server (nil: no limit).
    public var maxqueue: Int?
    public var backup: Bool
    /// `cookie VALUE`: the value of the backend's persistence cookie for this server.
    public var cookie: String?
    /// `disabled`: the server starts in maintenance.
    public var maintenance: Bool
    /// Health-check timing; nil when the server has no `check`.
    public var check: ServerCheckPlan?
    /// TLS toward the server; nil for clear text.
    public var tls: ServerTLS?
    public var source: SourceRef

    public init(name: String, address: SocketEndpoint, weight: Int = 1, maxconn: Int? = nil, maxqueue: Int? = nil,
                backup: Bool = false, maintenance: Bool = false, check: ServerCheckPlan? = nil, source: SourceRef) {
        self.name = name
        self.address = address
        self.weight = weight
        self.maxconn = maxconn
        self.maxqueue = maxqueue
        self.backup = backup
        self.maintenance = maintenance
        self.check = check
        self.source = source
    }
}

/// A server's health-check timing (`inter`, `fastinter`, `downinter`, `rise`, `fall`, `port`).
public struct ServerCheckPlan: Sendable, Hashable, Codable {
    public var interMs: Int
    /// Interval while the state is changing (defaults to `inter`).
    public var fastinterMs: Int
    /// Interval while the server is down (defaults to `inter`).
    public var downinterMs: Int
    public var rise: Int
    public var fall: Int
    /// `port`: check this port instead of the server's.
    public var port: Int?

    public init(interMs: Int = 2000, fastinterMs: Int? = nil, downinterMs: Int? = nil, rise: Int = 2, fall: Int = 3,
                port: Int? = nil) {
        self.interMs = interMs
        self.fastinterMs = fastinterMs ?? interMs
        self.downinterMs = downinterMs ?? interMs
        self.rise = rise
        self.fall = fall
        self.port = port
    }
}
