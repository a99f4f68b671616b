import ConfigGrammar

/// Which HAProxy versions know each keyword, option, fetch and converter:
/// `Grammar/haproxy-versions.tsv`, generated from HAProxy's sources at each
/// release tag by `Grammar/tools/haproxy_versions.py`.
public struct KeywordVersions: Sendable {
    /// What the table records of a name.
    public enum Kind: String, Sendable, CaseIterable {
        case global, proxy, option, bind, server, fetch, converter, acl
        case httpRequest = "http-request", httpResponse = "http-response", httpAfterResponse = "http-after-response"
        case tcpRequest = "tcp-request", tcpResponse = "tcp-response"
        case httpCheck = "http-check", tcpCheck = "tcp-check"

        /// Whether the 2.6 grammar reports a name of this kind that it does not know (rule families take
        /// any action word and check rules any step; HAProxy checks them).
        public var isCheckedByGrammar: Bool { !Self.ruleFamilies.contains(self) }

        /// The kinds whose names are the action or step word of a rule line.
        public static let ruleFamilies: Set<Kind> = [.httpRequest, .httpResponse, .httpAfterResponse, .tcpRequest,
                                                     .tcpResponse, .httpCheck, .tcpCheck]

        /// How a message names a thing of this kind.
        public var noun: String {
            switch self {
            case .global: "global keyword"
            case .proxy: "keyword"
            case .option: "option"
            case .bind: "bind option"
            case .server: "server option"
            case .fetch: "fetch"
            case .converter: "converter"
            case .acl: "ACL keyword"
            case .httpRequest, .httpResponse, .httpAfterResponse, .tcpRequest, .tcpResponse: "\(rawValue) action"
            case .httpCheck, .tcpCheck: "\(rawValue) step"
            }
        }
    }

    /// The versions that have one name.
    public struct Span: Sendable, Hashable {
        /// The first version that has it (the oldest version of the table means "that one or older").
        public let first: HAProxyVersion
        /// The last version that has it; nil while the newest version of the table still does.
        public let last: HAProxyVersion?
        /// The first version that warns it is deprecated.
        public let deprecated: HAProxyVersion?

        /// Whether `version` has it.
        public func contains(_ version: HAProxyVersion) -> Bool {
            first <= version && last.map { version <= $0 } ?? true
        }

        /// Whether `version` has it and warns that it is deprecated.
        public func isDeprecated(in version: HAProxyVersion) -> Bool {
            contains(version) && deprecated.map { $0 <= version } ?? false
        }

        /// The versions, as a message says them: `2.6 and later`, `2.4 to 2.6`, `only 2.6`.
        public var versions: String {
            guard let last else { return "\(first) and later" }
            return first == last ? "only \(first)" : "\(first) to \(last)"
        }
    }

    private let spans: [Kind: [String: Span]]
    /// The oldest version the table was generated from.
    public let oldest: HAProxyVersion
    /// The newest version the table was generated from.
    public let newest: HAProxyVersion

    public init(_ tsv: String) {
        var spans: [Kind: [String: Span]] = [:]
        var oldest = HAProxyVersion.standard, newest = HAProxyVersion.standard
        for record in TSVTable(tsv).records {
            guard let kind = record["kind"].flatMap(Kind.init(rawValue:)), let name = record["name"],
                  let first = record["first"].flatMap(HAProxyVersion.init) else { continue }
            let last = record["last"].flatMap(HAProxyVersion.init)
            spans[kind, default: [:]][name] = Span(first: first, last: last,
                                                   deprecated: record["deprecated"].flatMap(HAProxyVersion.init))
            oldest = min(oldest, first)
            newest = max(newest, last ?? first)
        }
        self.spans = spans
        self.oldest = oldest
        self.newest = newest
    }

    /// The table checked into `Grammar/`.
    public static let standard = KeywordVersions(haproxyVersionsTSV)

    /// The versions that have `name`, or nil when none of the table's does.
    public func span(of name: String, _ kind: Kind) -> Span? { spans[kind]?[name] }
}
