/// One `http-request`, `http-response` or `http-after-response` rule, compiled.
public struct HTTPRequestRule: Sendable, Hashable, Codable {
    /// The actions the engine runs.
    public enum Action: String, Sendable, Hashable, Codable {
        case setHeader = "set-header", addHeader = "add-header", delHeader = "del-header"
        case deny, redirect, `return`, allow, reject
        /// `track-scN`, `sc-inc-gpc*`, `sc-set-gpt*`: see `stickCounter`.
        case stickCounter = "stick-counter"
        // Header rewrites, statuses and variables (http-request, http-response, http-after-response).
        case replaceHeader = "replace-header", replaceValue = "replace-value", setStatus = "set-status"
        case setVar = "set-var", unsetVar = "unset-var", setVarFormat = "set-var-fmt"
        case setMethod = "set-method", setPath = "set-path", setPathQuery = "set-pathq", setQuery = "set-query", setURI = "set-uri"
        case replacePath = "replace-path", replacePathQuery = "replace-pathq", replaceURI = "replace-uri"
        /// `http-request|http-response capture SAMPLE len N|id N`: see `captureSlot`.
        case capture
        /// `http-request normalize-uri NORMALIZER`: see `normalization`.
        case normalizeURI = "normalize-uri"
        /// `http-request set-timeout server|tunnel VALUE`: see `timeout`.
        case setTimeout = "set-timeout"
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
    /// `drop-query`, `append-slash`, `ignore-empty`, `set-cookie`, `clear-cookie` of a redirect.
    public var redirectOptions: RedirectOptions?
    /// `return content-type`.
    public var contentType: String?
    /// `return hdr NAME VALUE` headers, each value a log-format read when the plan is made.
    public var headers: [ReplyHeader]
    /// What a `stickCounter` action does.
    public var stickCounter: StickCounterAction?
    /// The variable of `set-var`/`unset-var` with its scope (`txn.user`).
    public var variable: String?
    /// The sample expression of `set-var`.
    public var expression: Fetch?
    /// The capture slot `capture` fills with `expression`, counted from 0 in the frontend's slots of its direction.
    public var captureSlot: Int?
    /// `set-var`'s conditions (`ifexists`, `ifnotempty`…), all of which must hold.
    public var variableConditions: [String]
    /// The regular expression of `replace-header`/`replace-value`.
    public var pattern: String?
    /// The reason phrase of `set-status … reason TEXT`.
    public var reason: String?
    /// How `del-header` matches names (`-m str|beg|end|sub|reg`); nil is `str`.
    public var headerMatch: MatchMethod?
    /// The page of a `deny` or `return` that names one (`errorfile`, `errorfiles`, `default-errorfiles`).
    public var errorPage: RuleErrorPage?
    /// What a `normalizeURI` rule does to the target.
    public var normalization: URINormalization?
    /// What a `setTimeout` rule sets.
    public var timeout: RuleTimeout?
    /// nil: the rule always applies.
    public var condition: Predicate?
    /// The rule as written, for explanations.
    public var text: String
    public var source: SourceRef

    public init(action: Action, headerName: String? = nil, value: LogFormat? = nil, status: Int? = nil,
                redirectKind: RedirectKind? = nil, contentType: String? = nil, headers: [ReplyHeader] = [],
                variable: String? = nil, expression: Fetch? = nil, variableConditions: [String] = [], pattern: String? = nil,
                reason: String? = nil, condition: Predicate? = nil, text: String, source: SourceRef) {
        self.variable = variable
        self.expression = expression
        self.variableConditions = variableConditions
        self.pattern = pattern
        self.reason = reason
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
        case .deny, .redirect, .return, .allow, .reject: true
        case .setHeader, .addHeader, .delHeader, .replaceHeader, .replaceValue, .setStatus, .setVar, .unsetVar, .setVarFormat,
             .stickCounter, .capture, .normalizeURI, .setTimeout,
             .setMethod, .setPath, .setPathQuery, .setQuery, .setURI, .replacePath, .replacePathQuery, .replaceURI: false
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
        /// A `%{+Q}[fetch]` of a log line: a sample printed with its flags (quoted, escaped, `-` when empty).
        case flaggedFetch(Fetch, LogVariable.Flags)
        /// A `%[fetch]` the engine cannot evaluate yet (`%[ssl_fc_sni]`): printed `-`, as a failed fetch.
        case unavailable(String)
    }

    public var parts: [Part]

    public init(parts: [Part]) { self.parts = parts }

    /// A string with no fetch in it.
    public init(literal: String) { self.parts = literal.isEmpty ? [] : [.literal(literal)] }
}
