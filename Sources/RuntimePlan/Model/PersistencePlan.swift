/// `cookie NAME [rewrite|insert|prefix] [indirect] [nocache] [postonly]
/// [preserve] [httponly] [secure] [domain D]* [maxidle T] [maxlife T] [attr A]*` of a backend
/// (doc/configuration.txt `cookie`).
public struct CookiePlan: Sendable, Hashable, Codable {
    /// How the cookie is set.
    public enum Mode: String, Sendable, Hashable, Codable {
        /// The server sets the cookie; its value is replaced with the server's.
        case rewrite
        /// The proxy adds its own `Set-Cookie`.
        case insert
        /// The server's cookie value is prefixed with the server's and `~`.
        case prefix
        /// No mode given: the cookie is only read.
        case passive
    }

    public var name: String
    public var mode: Mode
    public var indirect: Bool
    public var nocache: Bool
    public var postonly: Bool
    public var preserve: Bool
    public var httponly: Bool
    public var secure: Bool
    public var domains: [String]
    public var attributes: [String]
    /// `maxidle`: a cookie not seen for longer is ignored, in seconds (its value carries the last date).
    public var maxIdleSeconds: Int?
    /// `maxlife`: a cookie older than this is ignored, in seconds (its value carries the first date).
    public var maxLifeSeconds: Int?

    public init(name: String, mode: Mode = .passive, indirect: Bool = false, nocache: Bool = false, postonly: Bool = false,
                preserve: Bool = false, httponly: Bool = false, secure: Bool = false, domains: [String] = [],
                attributes: [String] = []) {
        self.name = name
        self.mode = mode
        self.indirect = indirect
        self.nocache = nocache
        self.postonly = postonly
        self.preserve = preserve
        self.httponly = httponly
        self.secure = secure
        self.domains = domains
        self.attributes = attributes
    }
}

/// A `stick match|on|store-request|store-response` rule of a backend.
public struct StickRule: Sendable, Hashable, Codable {
    /// What the rule does.
    public enum Kind: String, Sendable, Hashable, Codable {
        case match, on, storeRequest = "store-request"
        /// Its key and condition read the server's response; it records the server that answered.
        case storeResponse = "store-response"
    }

    public var kind: Kind
    public var key: Fetch
    /// The table (the backend's own when not given).
    public var table: String
    /// nil: the rule always applies.
    public var condition: Predicate?
    public var text: String
    public var source: SourceRef

    public init(kind: Kind, key: Fetch, table: String, condition: Predicate?, text: String, source: SourceRef) {
        self.kind = kind
        self.key = key
        self.table = table
        self.condition = condition
        self.text = text
        self.source = source
    }

    /// Whether the rule looks a server up.
    public var matches: Bool { kind == .match || kind == .on }
    /// Whether the rule records the server (once the request chose it, or from the response).
    public var stores: Bool { kind != .match }
    /// Whether the rule runs on the request (all but `store-response`).
    public var readsRequest: Bool { kind != .storeResponse }
}

/// How a backend keeps a client on one server: its cookie, its `stick`
/// rules, and the conditions and options about servers that are down.
public struct PersistencePlan: Sendable, Hashable, Codable {
    public var cookie: CookiePlan?
    public var stickRules: [StickRule]
    /// `option persist`: a cookie still sends requests to its server when that server is down.
    public var persistWhenDown: Bool
    /// `force-persist if|unless COND`: the same, for the requests that match.
    public var forcePersist: [Predicate]
    /// `ignore-persist if|unless COND`: neither cookie nor stick rules for the requests that match.
    public var ignorePersist: [Predicate]

    public init(cookie: CookiePlan? = nil, stickRules: [StickRule] = [], persistWhenDown: Bool = false,
                forcePersist: [Predicate] = [], ignorePersist: [Predicate] = []) {
        self.cookie = cookie
        self.stickRules = stickRules
        self.persistWhenDown = persistWhenDown
        self.forcePersist = forcePersist
        self.ignorePersist = ignorePersist
    }
}
