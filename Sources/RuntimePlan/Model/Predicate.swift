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
        case sslServerName = "ssl_fc_sni", sslProtocol = "ssl_fc_protocol", sslCipher = "ssl_fc_cipher"
        case sslALPN = "ssl_fc_alpn", sslHasServerName = "ssl_fc_has_sni", sslClientCertificateUsed = "ssl_c_used"
        case sslClientVerify = "ssl_c_verify", sslClientSubject = "ssl_c_s_dn", sslClientIssuer = "ssl_c_i_dn"
        case sslClientSerial = "ssl_c_serial", sslClientNotAfter = "ssl_c_notafter"
    }

    public var name: Name
    /// `hdr(NAME[,OCCURRENCE])` arguments.
    public var arguments: [String]

    public init(_ name: Name, arguments: [String] = []) {
        self.name = name
        self.arguments = arguments
    }

    public var description: String {
        arguments.isEmpty ? name.rawValue : "\(name.rawValue)(\(arguments.joined(separator: ",")))"
    }
}

/// How fetched values are compared with patterns (`-m METHOD`).
public enum MatchMethod: String, Sendable, Hashable, Codable, CaseIterable {
    case found, bool, int, ip, str, beg, end, sub, reg, dom, dir, len
}
