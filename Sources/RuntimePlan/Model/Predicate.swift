/// A compiled condition: `and` binds tighter than `or`, `!` negates one
/// term, named ACLs are the OR of their lines, `unless` is a `not` at the top.
public indirect enum Predicate: Sendable, Hashable {
    case or([Predicate])
    case and([Predicate])
    case not(Predicate)
    /// A named ACL: true when any of its tests is.
    case acl(name: String, tests: [ACLTest])
    /// An anonymous ACL (`{ path_beg /api }`).
    case test(ACLTest)
}

/// One ACL test: a fetch, a match method and patterns (any one matching is a match).
public struct ACLTest: Sendable, Hashable, Codable {
    public var fetch: Fetch
    public var method: MatchMethod
    /// `-i`: compare strings without regard to case.
    public var ignoreCase: Bool
    /// Patterns from the line and from `-f` files, in order.
    public var patterns: [String]
    /// Files named by `-f`, read when the plan was compiled.
    public var patternFiles: [String]
    /// The test as written (`path_beg -i /api/`).
    public var text: String

    public init(fetch: Fetch, method: MatchMethod, ignoreCase: Bool = false, patterns: [String] = [],
                patternFiles: [String] = [], text: String) {
        self.fetch = fetch
        self.method = method
        self.ignoreCase = ignoreCase
        self.patterns = patterns
        self.patternFiles = patternFiles
        self.text = text
    }
}

/// A sample fetch with its arguments (`hdr(host)`, `src`, `path`).
public struct Fetch: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The fetches the evaluator knows.
    public enum Name: String, Sendable, Hashable, Codable, CaseIterable {
        case src, srcPort = "src_port", dst, dstPort = "dst_port", path, url, query, method
        case header = "req.hdr", headerCount = "req.hdr_cnt", fullHeader = "req.fhdr", version = "req.ver"
        case sslFrontend = "ssl_fc", alwaysTrue = "always_true", alwaysFalse = "always_false"
        /// `sc_*`, `scN_*`, `src_*`: see `counter`.
        case stickCounter = "sc"
        // Variables, responses, constants and proxy names (see SampleFetcher).
        case variable = "var", responseHeader = "res.hdr", responseFullHeader = "res.fhdr"
        case responseHeaderCount = "res.hdr_cnt", status, string = "str", integer = "int", boolean = "bool", binary = "bin", uuid
        case frontendName = "fe_name", backendName = "be_name", urlParameter = "url_param", headerIP = "req.hdr_ip"
        case base, date, pathQuery = "pathq", firstRequest = "http_first_req", cookie = "req.cook"
        case cookieCount = "req.cook_cnt", cookieValue = "req.cook_val", capturedURI = "capture.req.uri"
        case capturedMethod = "capture.req.method", capturedVersion = "capture.req.ver"
        case capturedRequestHeader = "capture.req.hdr", capturedResponseHeader = "capture.res.hdr"
        case responseCookie = "res.cook"
        case serverName = "srv_name", serverID = "srv_id"
        case frontendConnections = "fe_conn", backendConnections = "be_conn", serverConnections = "srv_conn"
        case backendServerTimeout = "be_server_timeout", backendTunnelTimeout = "be_tunnel_timeout"
        case currentServerTimeout = "cur_server_timeout", currentTunnelTimeout = "cur_tunnel_timeout"
        case socketName = "so_name"
        case sslServerName = "ssl_fc_sni", sslProtocol = "ssl_fc_protocol", sslCipher = "ssl_fc_cipher"
        case sslALPN = "ssl_fc_alpn", sslHasServerName = "ssl_fc_has_sni", sslClientCertificateUsed = "ssl_c_used"
        case sslClientVerify = "ssl_c_verify", sslClientSubject = "ssl_c_s_dn", sslClientIssuer = "ssl_c_i_dn"
        case sslClientSerial = "ssl_c_serial", sslClientNotAfter = "ssl_c_notafter"
    }

    public var name: Name
    /// `hdr(NAME[,OCCURRENCE])` arguments.
    public var arguments: [String]
    /// What a `stickCounter` fetch reads.
    public var counter: StickCounterFetch?
    /// Converters applied to each fetched value, in order (`hdr(host),lower`).
    public var converters: [Converter]

    public init(_ name: Name, arguments: [String] = [], converters: [Converter] = []) {
        self.name = name
        self.arguments = arguments
        self.converters = converters
    }

    /// A stick-counter fetch.
    public init(counter: StickCounterFetch, converters: [Converter] = []) {
        self.name = .stickCounter
        self.arguments = []
        self.converters = converters
        self.counter = counter
    }

    public var description: String {
        if let counter { return ([counter.description] + converters.map(\.description)).joined(separator: ",") }
        return ([arguments.isEmpty ? name.rawValue : "\(name.rawValue)(\(arguments.joined(separator: ",")))"]
            + converters.map(\.description)).joined(separator: ",")
    }
}

extension Fetch {
    private enum Key: String, CodingKey { case name, arguments, converters, counter }

    /// `converters` and `counter` may be absent (a fetch without any).
    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: Key.self)
        self.init(try container.decode(Name.self, forKey: .name), arguments: try container.decode([String].self, forKey: .arguments),
                  converters: try container.decodeIfPresent([Converter].self, forKey: .converters) ?? [])
        counter = try container.decodeIfPresent(StickCounterFetch.self, forKey: .counter)
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        try container.encode(name, forKey: .name)
        try container.encode(arguments, forKey: .arguments)
        if !converters.isEmpty { try container.encode(converters, forKey: .converters) }
        try container.encodeIfPresent(counter, forKey: .counter)
    }
}

/// How fetched values are compared with patterns (`-m METHOD`).
public enum MatchMethod: String, Sendable, Hashable, Codable, CaseIterable {
    case found, bool, int, ip, str, beg, end, sub, reg, dom, dir, len
}
