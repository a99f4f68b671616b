import ConfigDiagnostics

/// A `defaults`, `frontend`, `backend` or `listen` section.
public struct Proxy: Sendable, Hashable, Codable {
    /// Which kind of proxy section this is.
    public enum Kind: String, Sendable, Hashable, Codable {
        case defaults, frontend, backend, listen

        public var hasFrontend: Bool { self == .frontend || self == .listen || self == .defaults }
        public var hasBackend: Bool { self == .backend || self == .listen || self == .defaults }
    }

    /// `mode http|tcp|log`.
    public enum Mode: String, Sendable, Hashable, Codable {
        case http, tcp, log
    }

    public var kind: Kind
    /// The name; `defaults` may be anonymous.
    public var name: String?
    /// Where the name is written (the section keyword for an anonymous `defaults`).
    public var nameRange: SourceRange
    /// Index in `HAProxyConfiguration.defaults` of the section this one inherits
    /// from: the one named by `from NAME`, else the last `defaults` before it.
    public var defaultsIndex: Int?
    /// `from NAME`: the named defaults section this one inherits from.
    public var defaultsName: String?
    public var mode: Mode?
    public var binds: [Bind] = []
    public var servers: [Server] = []
    public var defaultServer: Server?
    public var acls: [ACLDefinition] = []
    public var useBackends: [UseBackendRule] = []
    public var defaultBackend: String?
    /// `timeout <name> <time>`, keyed by the timeout name (`connect`, `client`, …).
    public var timeouts: [String: Duration] = [:]
    /// `option <name>` and `no option <name>`, keyed by option name; true when enabled.
    public var options: [String: Bool] = [:]
    /// `balance` algorithm and its parameters.
    public var balance: [String]?
    public var maxconn: Int?
    public var rules: [ActionRule] = []
    /// Every directive in order, modelled or not.
    public var directives: [Directive] = []
    public var range: SourceRange

    public init(kind: Kind, name: String?, nameRange: SourceRange, range: SourceRange) {
        self.kind = kind
        self.name = name
        self.nameRange = nameRange
        self.range = range
    }

    /// The directives with a given keyword.
    public func directives(_ keyword: String) -> [Directive] { directives.filter { $0.keyword == keyword } }
}
