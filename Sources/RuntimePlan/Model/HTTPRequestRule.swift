/// One `http-request` rule, compiled.
public struct HTTPRequestRule: Sendable, Hashable, Codable {
    /// The actions the engine runs.
    public enum Action: String, Sendable, Hashable, Codable {
        case setHeader = "set-header", addHeader = "add-header", delHeader = "del-header"
        case deny, redirect, `return`, allow
    }

    /// `redirect location|prefix|scheme`.
    public enum RedirectKind: String, Sendable, Hashable, Codable {
        case location, prefix, scheme
    }

    public var action: Action
    /// The header of `set-header`, `add-header`, `del-header`.
    public var headerName: String?
    /// The header value of `set-header`/`add-header`, the target of `redirect`, the body of `return`.
    public var value: LogFormat?
    /// `deny_status` (default 403), the `code` of `redirect` (default 302), the `status` of `return` (default 200).
    public var status: Int?
    public var redirectKind: RedirectKind?
    /// `return content-type`.
    public var contentType: String?
    /// `return hdr NAME VALUE` headers.
    public var headers: [HTTPHeaderField]
    /// nil: the rule always applies.
    public var condition: Predicate?
    /// The rule as written, for explanations.
    public var text: String
    public var source: SourceRef

    public init(action: Action, headerName: String? = nil, value: LogFormat? = nil, status: Int? = nil,
                redirectKind: RedirectKind? = nil, contentType: String? = nil, headers: [HTTPHeaderField] = [],
                condition: Predicate? = nil, text: String, source: SourceRef) {
        self.action = action
        self.headerName = headerName
        self.value = value
        self.status = status
        self.redirectKind = redirectKind
        self.contentType = contentType
        self.headers = headers
        self.condition = condition
        self.text = text
        self.source = source
    }

    /// Whether the rule ends request processing when it applies.
    public var isFinal: Bool {
        switch action {
        case .deny, .redirect, .return, .allow: true
        case .setHeader, .addHeader, .delHeader: false
        }
    }
}

/// A log-format string (`%[src]`, `%[req.hdr(host)]`, literal text) split
/// into literal parts and sample fetches.
public struct LogFormat: Sendable, Hashable, Codable {
    /// A piece of the string.
    public enum Part: Sendable, Hashable, Codable {
        case literal(String)
        case fetch(Fetch)
        /// Unescaped spaces of a log line: one space, written only after something that is not a space.
        case separator
        /// A `%ci`-style variable (see `LogVariable`).
        case variable(LogVariable)
        /// A `%[fetch]` the engine cannot evaluate yet (`%[ssl_fc_sni]`): printed `-`, as a failed fetch.
        case unavailable(String)
    }

    public var parts: [Part]

    public init(parts: [Part]) { self.parts = parts }

    /// A string with no fetch in it.
    public init(literal: String) { self.parts = literal.isEmpty ? [] : [.literal(literal)] }
}
