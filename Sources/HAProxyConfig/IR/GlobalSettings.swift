import ConfigDiagnostics

/// The `global` section.
public struct GlobalSettings: Sendable, Hashable, Codable {
    public var maxconn: Int?
    public var ulimitN: Int?
    public var daemon = false
    public var user: String?
    public var group: String?
    public var chroot: String?
    /// `log` targets as written (`10.0.0.1:514 local0 info`).
    public var logs: [[String]] = []
    public var directives: [Directive] = []
    public var range: SourceRange

    public init(range: SourceRange) { self.range = range }
}

/// A `peers` section: the nodes that share stick tables.
public struct PeersSection: Sendable, Hashable, Codable {
    /// One `peer <name> <address>` line (or `server` in 2.x peers sections).
    public struct Peer: Sendable, Hashable, Codable {
        public var name: String
        public var nameRange: SourceRange
        public var address: ConfigAddress?
        public var range: SourceRange
    }

    public var name: String
    public var peers: [Peer] = []
    public var directives: [Directive] = []
    public var range: SourceRange
}

/// A `userlist` section.
public struct Userlist: Sendable, Hashable, Codable {
    /// One `user` line.
    public struct User: Sendable, Hashable, Codable {
        public var name: String
        /// `password` (hashed) or `insecure-password`.
        public var passwordKind: String?
        public var groups: [String]
        public var range: SourceRange
    }

    public var name: String
    public var users: [User] = []
    public var groups: [String] = []
    public var directives: [Directive] = []
    public var range: SourceRange
}

/// A `resolvers` section.
public struct ResolversSection: Sendable, Hashable, Codable {
    public var name: String
    /// `nameserver <name> <address>` lines.
    public var nameservers: [PeersSection.Peer] = []
    public var directives: [Directive] = []
    public var range: SourceRange
}

/// A whole haproxy.cfg (or several files read in order) as typed values.
public struct HAProxyConfiguration: Sendable, Hashable, Codable {
    public var global: GlobalSettings?
    /// `defaults` sections in order.
    public var defaults: [Proxy] = []
    /// `frontend`, `backend` and `listen` sections in order.
    public var proxies: [Proxy] = []
    public var peers: [PeersSection] = []
    public var userlists: [Userlist] = []
    public var resolvers: [ResolversSection] = []
    public var otherSections: [GenericSection] = []

    public init() {}

    public var frontends: [Proxy] { proxies.filter { $0.kind.hasFrontend } }
    public var backends: [Proxy] { proxies.filter { $0.kind.hasBackend } }

    /// The proxy with a given name that has backend capability.
    public func backend(named name: String) -> Proxy? { proxies.first { $0.name == name && $0.kind.hasBackend } }
}
