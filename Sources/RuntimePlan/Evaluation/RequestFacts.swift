/// What an ACL can look at in a request: the request line, the headers and
/// the connection's addresses.
public struct RequestFacts: Sendable, Hashable {
    public var method: String
    /// The request target as sent (`/api/x?id=1`, or absolute form).
    public var target: String
    /// `1.1`, `1.0`.
    public var version: String
    /// Headers in order, names as sent.
    public var headers: [HTTPHeaderField]
    public var source: String?
    public var sourcePort: Int?
    public var destination: String?
    public var destinationPort: Int?
    /// Whether the client connection is TLS (`ssl_fc`).
    public var tls: Bool
    /// The stream's stick counters (none outside the engine).
    public var stickCounters: StickCounterHandle?
    /// The live connection counts of the proxies and servers (none outside the engine).
    public var load: ProxyLoadHandle?
    /// The stream's `server` and `tunnel` timeouts (`set-timeout`, `be_server_timeout`, `cur_server_timeout`).
    public var timeouts = StreamTimeouts()
    /// Variables by scoped name (`txn.user`, `sess.id`, `proc.count`): what `set-var` stored and `var()` reads.
    public var variables: [String: Sample] = [:]
    /// The server's response, once it arrived (what `res.hdr`, `status` read).
    public var response: ResponseFacts?
    /// The frontend (`fe_name`) and the backend (`be_name`) handling the request.
    public var frontendName: String?
    /// The `name` of the bind that accepted the connection (`so_name`).
    public var listenerName: String?
    /// The request line as received, before any rewrite (`capture.req.method`, `capture.req.uri`).
    public var receivedMethod: String?
    public var receivedTarget: String?
    /// Whether this is the connection's first request (`http_first_req`).
    public var firstRequest = true
    public var backendName: String?
    /// The server that answered (`srv_name`) and its position in the backend from 1 (`srv_id`).
    public var serverName: String?
    public var serverID: Int?
    /// The TLS session of the client connection, for the `ssl_fc_*` and `ssl_c_*` fetches.
    public var tlsSession: TLSSessionFacts?
    /// The frontend's capture slots for the request and for the response (`capture.req.hdr(N)`, `%hr`, `%hs`).
    public var requestCaptures = CaptureSlots()
    public var responseCaptures = CaptureSlots()

    public init(method: String = "GET", target: String = "/", version: String = "1.1", headers: [HTTPHeaderField] = [],
                source: String? = nil, sourcePort: Int? = nil, destination: String? = nil, destinationPort: Int? = nil,
                tls: Bool = false) {
        self.method = method
        self.target = target
        self.version = version
        self.headers = headers
        self.source = source
        self.sourcePort = sourcePort
        self.destination = destination
        self.destinationPort = destinationPort
        self.tls = tls
    }

    /// The path: the target up to `?`, without scheme and authority when the target is absolute.
    public var path: String {
        var rest = Substring(target)
        if let scheme = rest.range(of: "://"), !rest.hasPrefix("/") {
            rest = rest[scheme.upperBound...]
            rest = rest.firstIndex(of: "/").map { rest[$0...] } ?? ""
        }
        return String(rest.prefix { $0 != "?" })
    }

    /// The query string after the first `?`, nil when there is none.
    public var query: String? {
        target.firstIndex(of: "?").map { String(target[target.index(after: $0)...]) }
    }

    /// The values of a header, each comma-separated value on its own (as `hdr()` sees them).
    public func headerValues(_ name: String) -> [String] { Self.listValues(headers, name) }

    /// The values of a header, one per header line (as `req.fhdr()` sees them).
    public func fullHeaderValues(_ name: String) -> [String] { Self.lineValues(headers, name) }

    /// The comma-separated values of a header in a list of fields.
    static func listValues(_ fields: [HTTPHeaderField], _ name: String) -> [String] {
        lineValues(fields, name).flatMap { $0.split(separator: ",", omittingEmptySubsequences: false) }
            .map { $0.trimmingCharacters(in: " \t") }
    }

    /// The values of a header in a list of fields, one per line.
    static func lineValues(_ fields: [HTTPHeaderField], _ name: String) -> [String] {
        fields.filter { $0.name.caseInsensitiveEquals(name) }.map { $0.value.trimmingCharacters(in: " \t") }
    }

    /// Removes every header with this name.
    public mutating func removeHeader(_ name: String) {
        headers.removeAll { $0.name.caseInsensitiveEquals(name) }
    }
}

/// What the rules see of a response: its status, reason and headers.
public struct ResponseFacts: Sendable, Hashable {
    public var status: Int
    public var reason: String
    /// Headers in order, names as sent.
    public var headers: [HTTPHeaderField]

    public init(status: Int, reason: String, headers: [HTTPHeaderField]) {
        self.status = status
        self.reason = reason
        self.headers = headers
    }
}

extension String {
    func caseInsensitiveEquals(_ other: String) -> Bool {
        utf8.count == other.utf8.count && lowercased() == other.lowercased()
    }
}

extension StringProtocol {
    func trimmingCharacters(in set: String) -> String {
        var slice = Substring(self)
        while let first = slice.first, set.contains(first) { slice = slice.dropFirst() }
        while let last = slice.last, set.contains(last) { slice = slice.dropLast() }
        return String(slice)
    }
}

extension RequestFacts {
    /// `req.cook(NAME)`: the value of the last cookie with this name in the `Cookie` headers.
    public func cookieValue(_ name: String) -> String? {
        var found: String?
        for line in fullHeaderValues("cookie") {
            for pair in line.split(separator: ";") {
                let trimmed = pair.trimmingCharacters(in: " \t")
                guard let equals = trimmed.firstIndex(of: "="), trimmed[..<equals] == name else { continue }
                found = String(trimmed[trimmed.index(after: equals)...])
            }
        }
        return found
    }
}
