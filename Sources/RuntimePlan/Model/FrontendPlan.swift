/// The client side of a `frontend` or `listen` section.
public struct FrontendPlan: Sendable, Hashable, Codable {
    public var name: String
    public var mode: ProxyMode
    public var binds: [ListenAddress]
    /// The most concurrent client connections this frontend accepts.
    /// `backlog`: the listen queue of the frontend's sockets (see `listenBacklog`).
    public var backlog: Int?
    public var maxconn: Int?
    /// The client-side timeouts, resolved with HAProxy's fallbacks.
    public var timeouts: FrontendTimeoutPlan
    public var options: HTTPOptions
    /// `http-request` rules in order (those of a `from` defaults first).
    public var httpRequestRules: [HTTPRequestRule]
    /// `tcp-request connection|session` stick-counter rules in order.
    public var connectionStickRules: [ConnectionStickRule] = []
    /// `tcp-request connection|session|content` rules in order.
    public var tcpRequestRules: [TCPRule] = []
    /// `tcp-request inspect-delay`: how long content rules may wait for data (none of the
    /// rules the engine runs needs to wait, so it bounds nothing yet).
    public var inspectDelayMs: Int?
    /// `errorfile` pages by status.
    public var errorFiles: [ErrorFile] = []
    /// `http-response` rules in order (a backend's run before its frontend's).
    public var httpResponseRules: [HTTPRequestRule] = []
    /// `http-after-response` rules in order, run on every response, also those the proxy makes.
    public var httpAfterResponseRules: [HTTPRequestRule] = []
    /// `use_backend` rules in order.
    public var backendRules: [BackendRule]
    public var defaultBackend: String?
    /// Every named ACL of the section, compiled (for `weir route` and for readers of the plan).
    public var acls: [NamedACL]
    /// `monitor-uri` and `monitor fail` (HTTP frontends only).
    public var monitor: MonitorPlan?
    /// The stats page, when the section has `stats` lines.
    public var statsPage: StatsPagePlan?
    /// `http-request use-service prometheus-exporter`, when the section has it.
    public var prometheusExporter: PrometheusExporterPlan?
    /// What the proxy logs and where (no target: nothing is logged).
    public var log: ProxyLogPlan = ProxyLogPlan()
    public var source: SourceRef
    /// The section's `compression` lines with its defaults' (nil when there are none).
    public var compression: CompressionPlan? = nil

    public init(name: String, mode: ProxyMode, binds: [ListenAddress] = [], maxconn: Int? = nil,
                timeouts: FrontendTimeoutPlan = FrontendTimeoutPlan(), options: HTTPOptions = HTTPOptions(),
                httpRequestRules: [HTTPRequestRule] = [], backendRules: [BackendRule] = [],
                defaultBackend: String? = nil, acls: [NamedACL] = [], source: SourceRef) {
        self.name = name
        self.mode = mode
        self.binds = binds
        self.maxconn = maxconn
        self.timeouts = timeouts
        self.options = options
        self.httpRequestRules = httpRequestRules
        self.backendRules = backendRules
        self.defaultBackend = defaultBackend
        self.acls = acls
        self.source = source
    }

    /// The `name` of the bind that accepted a connection to this local address (`so_name`): the only listener's,
    /// else the one whose IP address (or wildcard) and port match; nil when it has none or none matches.
    public func listenerName(destination: String?, port: Int?) -> String? {
        guard binds.count > 1 else { return binds.first?.name }
        return binds.first { bind in
            guard case .inet(let host, let bindPort) = bind.endpoint, bindPort == port else { return false }
            return host == destination || host == "0.0.0.0" || host == "::"
        }?.name
    }

    /// The listen queue HAProxy 2.6 gives a socket (`listener_backlog`): the bind's `backlog`, else the
    /// frontend's, else its `maxconn`, else the global `maxconn` (HAProxy's frontend default); without any,
    /// a queue the kernel cuts to `net.core.somaxconn`, as it cuts the large maxconn HAProxy computes then.
    public func listenBacklog(_ address: ListenAddress, globalMaxconn: Int?) -> Int {
        address.backlog ?? backlog ?? maxconn ?? globalMaxconn ?? 65535
    }
}

/// HTTP connection-handling options of a proxy.
public struct HTTPOptions: Sendable, Hashable, Codable {
    /// `option http-server-close`: close the server connection after each response.
    public var httpServerClose: Bool
    /// `option httpclose`: close both sides after each response.
    public var httpClose: Bool
    /// `option forwardfor`: the header that receives the client address, nil when off.
    public var forwardFor: ForwardFor?
    /// `option http-restrict-req-hdr-names delete|reject`; nil for `preserve`, HAProxy's default.
    public var restrictHeaderNames: HeaderNamePolicy?

    public init(httpServerClose: Bool = false, httpClose: Bool = false, forwardFor: ForwardFor? = nil) {
        self.httpServerClose = httpServerClose
        self.httpClose = httpClose
        self.forwardFor = forwardFor
    }
}

/// `option forwardfor [except NETWORK] [header NAME] [if-none]`.
public struct ForwardFor: Sendable, Hashable, Codable {
    public var header: String
    /// A network (`127.0.0.0/8`) whose clients get no header.
    public var except: String?
    /// Only add the header when the request has none.
    public var ifNone: Bool

    public init(header: String = "X-Forwarded-For", except: String? = nil, ifNone: Bool = false) {
        self.header = header
        self.except = except
        self.ifNone = ifNone
    }
}

/// `use_backend NAME if|unless CONDITION`.
public struct BackendRule: Sendable, Hashable, Codable {
    public var backend: String
    /// A backend name written as a log-format string (`use_backend be_%[req.hdr(host)]`), rendered
    /// for each request; nil for a plain name.
    public var dynamicName: LogFormat?
    /// nil: always applies.
    public var condition: Predicate?
    /// The condition as written, for explanations.
    public var conditionText: String?
    public var source: SourceRef

    public init(backend: String, condition: Predicate?, conditionText: String?, source: SourceRef) {
        self.backend = backend
        self.condition = condition
        self.conditionText = conditionText
        self.source = source
    }
}

/// A named ACL: the OR of every `acl NAME …` line with that name.
public struct NamedACL: Sendable, Hashable, Codable {
    public var name: String
    public var tests: [ACLTest]

    public init(name: String, tests: [ACLTest]) {
        self.name = name
        self.tests = tests
    }
}
