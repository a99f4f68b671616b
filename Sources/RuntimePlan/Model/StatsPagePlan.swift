/// The stats page of a `frontend` or `listen` section: the `stats` lines
/// (`enable`, `uri`, `realm`, `auth`, `refresh`, `hide-version`,
/// `show-legends`, `show-node`, `show-desc`, `scope`, `admin`) with
/// HAProxy's defaults.
public struct StatsPagePlan: Sendable, Hashable, Codable {
    /// `stats uri`, matched as a prefix of the path.
    public var uri = "/haproxy?stats"
    /// `stats realm`, with `\ ` read as a space.
    public var realm = "HAProxy Statistics"
    /// `stats auth user:password` lines; none means no authentication.
    public var credentials: [String] = []
    /// `stats refresh`, in seconds.
    public var refreshSeconds: Int?
    public var hideVersion = false
    public var showLegends = false
    /// `stats show-node [name]`: the name shown (nil: not shown; empty: the global `node`, else the host name).
    public var node: String?
    /// `stats show-desc [text]`: the description shown (nil: not shown).
    public var description: String?
    /// `stats scope` lines: the proxies listed (none: every proxy).
    public var scopes: [String] = []
    /// `stats admin if|unless COND`: when the admin form is offered and applied (nil: never).
    public var admin: Predicate?

    public init() {}
}
