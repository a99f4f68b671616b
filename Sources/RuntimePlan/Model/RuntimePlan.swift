/// The compiled form of a configuration that the engine runs: defaults
/// resolved, ACLs compiled to predicate trees, every duration in
/// milliseconds, servers enumerated. Nothing in it needs the config text.
public struct RuntimePlan: Sendable, Hashable, Codable {
    /// The version of this layout; a reader refuses a plan of another version.
    public static let currentSchemaVersion = 6

    public var schemaVersion: Int
    public var global: GlobalPlan
    /// `frontend` and `listen` sections, in configuration order.
    public var frontends: [FrontendPlan]
    /// `backend` and `listen` sections, in configuration order.
    public var backends: [BackendPlan]
    /// Configuration the engine does not execute yet, with where it was written.
    public var unsupported: [UnsupportedFeature]
    /// The `stick-table` of each proxy that has one, in configuration order.
    public var stickTables: [StickTablePlan] = []
    /// The `peers` sections (nil when there are none).
    public var peers: [PeersPlan]?

    public init(global: GlobalPlan = GlobalPlan(), frontends: [FrontendPlan] = [], backends: [BackendPlan] = [],
                unsupported: [UnsupportedFeature] = []) {
        self.schemaVersion = Self.currentSchemaVersion
        self.global = global
        self.frontends = frontends
        self.backends = backends
        self.unsupported = unsupported
    }

    /// The backend with a given name.
    public func backend(named name: String) -> BackendPlan? { backends.first { $0.name == name } }
}

/// Process-wide settings from the `global` section.
public struct GlobalPlan: Sendable, Hashable, Codable {
    /// `maxconn`: the most connections the whole process accepts at once.
    public var maxconn: Int?
    /// `nbthread`: the event-loop threads that share the connections (nil: one per core).
    public var nbthread: Int?
    /// `stats socket` lines: the runtime API's listeners (nil when there are none).
    public var statsSockets: [StatsSocketPlan]?
    /// `stats timeout`: how long an idle CLI session stays open (nil: HAProxy's 10 s).
    public var statsTimeoutMs: Int?
    /// `stats maxconn`: the most runtime API sessions open at once over all the `stats socket` listeners (nil: HAProxy's 10).
    public var statsMaxConnections: Int?
    /// `node`: the name `show info` reports (nil: the host name).
    public var node: String?
    /// `tune.bufsize`, `tune.maxrewrite`, `tune.http.maxhdr` (nil: HAProxy's defaults).
    public var buffers: BufferTuning?
    /// `tune.h2.*`: the HTTP/2 settings toward clients (nil: HAProxy's defaults).
    public var http2: HTTP2Tuning?
    /// Daemon, pid file, identity, limits and stopping (nil: none of these keywords is written).
    public var process: ProcessPlan?
    /// `log`, `log-tag`, `log-send-hostname`.
    public var log: GlobalLogPlan
    /// `set-var` and `set-var-fmt` lines: the `proc` variables set once at start, in order (nil: none).
    public var variables: [HTTPRequestRule]?

    public init(maxconn: Int? = nil, nbthread: Int? = nil, buffers: BufferTuning? = nil, process: ProcessPlan? = nil,
                log: GlobalLogPlan = GlobalLogPlan()) {
        self.maxconn = maxconn
        self.nbthread = nbthread
        self.buffers = buffers
        self.process = process
        self.log = log
    }
}

/// The buffer sizes that bound an HTTP message head, as HAProxy 2.6 applies
/// them at start: a request head may use `bufferSize - maxRewrite` bytes, a
/// response head `bufferSize`, and a message at most `maxHeaders` header lines.
public struct BufferTuning: Sendable, Hashable, Codable {
    /// `tune.bufsize` (default 16384).
    public var bufferSize: Int
    /// `tune.maxrewrite`, already capped at half the buffer as HAProxy caps it (default 1024).
    public var maxRewrite: Int
    /// `tune.http.maxhdr` (default 101).
    public var maxHeaders: Int

    public init(bufferSize: Int = 16_384, maxRewrite: Int? = nil, maxHeaders: Int = 101) {
        self.bufferSize = bufferSize
        self.maxRewrite = min(maxRewrite ?? 1_024, bufferSize / 2)
        self.maxHeaders = maxHeaders
    }
}

/// Where a plan element was written: file, line and column.
public struct SourceRef: Sendable, Hashable, Codable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int

    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    public var description: String { "\(file):\(line):\(column)" }
}

/// A configured feature the engine does not run yet (TLS, stick tables,
/// rate limits, stats, logging…): kept so that `weir run` can warn and a
/// later engine can take it over.
public struct UnsupportedFeature: Sendable, Hashable, Codable {
    /// A short stable name: `tls`, `stick-table`, `stats`, `log`, `http-request track-sc0`…
    public var feature: String
    /// The proxy it belongs to, if any.
    public var proxy: String?
    /// The directive as written.
    public var directive: String
    public var source: SourceRef

    public init(feature: String, proxy: String?, directive: String, source: SourceRef) {
        self.feature = feature
        self.proxy = proxy
        self.directive = directive
        self.source = source
    }
}
