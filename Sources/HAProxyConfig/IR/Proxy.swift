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

    /// The values of a proxy, shared between copies until one of them changes.
    @usableFromInline
    struct Fields: Sendable, Hashable, Codable {
        @usableFromInline var kind: Kind
        @usableFromInline var name: String?
        @usableFromInline var nameRange: SourceRange
        @usableFromInline var defaultsIndex: Int?
        @usableFromInline var defaultsName: String?
        @usableFromInline var mode: Mode?
        @usableFromInline var binds: [Bind] = []
        @usableFromInline var servers: [Server] = []
        @usableFromInline var defaultServer: Server?
        @usableFromInline var acls: [ACLDefinition] = []
        @usableFromInline var useBackends: [UseBackendRule] = []
        @usableFromInline var defaultBackend: String?
        @usableFromInline var timeouts: [String: Duration] = [:]
        @usableFromInline var options: [String: Bool] = [:]
        @usableFromInline var balance: [String]?
        @usableFromInline var maxconn: Int?
        @usableFromInline var rules: [ActionRule] = []
        @usableFromInline var directives: [Directive] = []
        @usableFromInline var range: SourceRange
    }

    @usableFromInline var fields: CopyOnWrite<Fields>

    /// Decoded from the proxy's fields, as if they were stored in it directly.
    public init(from decoder: Decoder) throws { fields = try CopyOnWrite(from: decoder) }

    /// Encoded as the proxy's fields, as if they were stored in it directly.
    public func encode(to encoder: Encoder) throws { try fields.encode(to: encoder) }

    public var kind: Kind {
        @inlinable get { fields.value.kind }
        @inlinable _modify { yield &fields.value.kind }
    }

    /// The name; `defaults` may be anonymous.
    public var name: String? {
        @inlinable get { fields.value.name }
        @inlinable _modify { yield &fields.value.name }
    }

    /// Where the name is written (the section keyword for an anonymous `defaults`).
    public var nameRange: SourceRange {
        @inlinable get { fields.value.nameRange }
        @inlinable _modify { yield &fields.value.nameRange }
    }

    /// Index in `HAProxyConfiguration.defaults` of the section this one inherits
    /// from: the one named by `from NAME`, else the last `defaults` before it.
    public var defaultsIndex: Int? {
        @inlinable get { fields.value.defaultsIndex }
        @inlinable _modify { yield &fields.value.defaultsIndex }
    }

    /// `from NAME`: the named defaults section this one inherits from.
    public var defaultsName: String? {
        @inlinable get { fields.value.defaultsName }
        @inlinable _modify { yield &fields.value.defaultsName }
    }

    public var mode: Mode? {
        @inlinable get { fields.value.mode }
        @inlinable _modify { yield &fields.value.mode }
    }

    public var binds: [Bind] {
        @inlinable get { fields.value.binds }
        @inlinable _modify { yield &fields.value.binds }
    }

    public var servers: [Server] {
        @inlinable get { fields.value.servers }
        @inlinable _modify { yield &fields.value.servers }
    }

    public var defaultServer: Server? {
        @inlinable get { fields.value.defaultServer }
        @inlinable _modify { yield &fields.value.defaultServer }
    }

    public var acls: [ACLDefinition] {
        @inlinable get { fields.value.acls }
        @inlinable _modify { yield &fields.value.acls }
    }

    public var useBackends: [UseBackendRule] {
        @inlinable get { fields.value.useBackends }
        @inlinable _modify { yield &fields.value.useBackends }
    }

    public var defaultBackend: String? {
        @inlinable get { fields.value.defaultBackend }
        @inlinable _modify { yield &fields.value.defaultBackend }
    }

    /// `timeout <name> <time>`, keyed by the timeout name (`connect`, `client`, …).
    public var timeouts: [String: Duration] {
        @inlinable get { fields.value.timeouts }
        @inlinable _modify { yield &fields.value.timeouts }
    }

    /// `option <name>` and `no option <name>`, keyed by option name; true when enabled.
    public var options: [String: Bool] {
        @inlinable get { fields.value.options }
        @inlinable _modify { yield &fields.value.options }
    }

    /// `balance` algorithm and its parameters.
    public var balance: [String]? {
        @inlinable get { fields.value.balance }
        @inlinable _modify { yield &fields.value.balance }
    }

    public var maxconn: Int? {
        @inlinable get { fields.value.maxconn }
        @inlinable _modify { yield &fields.value.maxconn }
    }

    public var rules: [ActionRule] {
        @inlinable get { fields.value.rules }
        @inlinable _modify { yield &fields.value.rules }
    }

    /// Every directive in order, modelled or not.
    public var directives: [Directive] {
        @inlinable get { fields.value.directives }
        @inlinable _modify { yield &fields.value.directives }
    }

    public var range: SourceRange {
        @inlinable get { fields.value.range }
        @inlinable _modify { yield &fields.value.range }
    }

    public init(kind: Kind, name: String?, nameRange: SourceRange, range: SourceRange) {
        fields = CopyOnWrite(Fields(kind: kind, name: name, nameRange: nameRange, range: range))
    }

    /// The directives with a given keyword.
    public func directives(_ keyword: String) -> [Directive] { directives.filter { $0.keyword == keyword } }
}
