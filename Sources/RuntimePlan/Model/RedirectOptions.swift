/// The options of a redirect beyond its kind, target and code, as HAProxy 2.6 reads them.
public struct RedirectOptions: Sendable, Hashable, Codable {
    /// `drop-query`: a `prefix` or `scheme` redirect leaves out the query string.
    public var dropQuery = false
    /// `append-slash`: a `prefix` or `scheme` location gets a `/` when it does not end with one.
    public var appendSlash = false
    /// `ignore-empty`: a `location` that renders empty skips the rule.
    public var ignoreEmpty = false
    /// The `Set-Cookie` value of `set-cookie NAME[=VALUE]` or `clear-cookie NAME[=]`, as HAProxy writes it.
    public var cookie: String?

    public init(dropQuery: Bool = false, appendSlash: Bool = false, ignoreEmpty: Bool = false, cookie: String? = nil) {
        self.dropQuery = dropQuery
        self.appendSlash = appendSlash
        self.ignoreEmpty = ignoreEmpty
        self.cookie = cookie
    }
}
