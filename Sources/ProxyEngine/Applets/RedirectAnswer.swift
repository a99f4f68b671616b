extension ErrorPages {
    /// The header lines of a redirect as HAProxy 2.6 writes them: the location; `cache-control:
    /// no-cache` for the temporary codes only (302, 303, 307); the rule's `Set-Cookie` last.
    static func redirectFields(_ status: Int, location: String, cookie: String?) -> [(String, String)] {
        var fields = [("location", location)]
        if [302, 303, 307].contains(status) { fields.append(("cache-control", "no-cache")) }
        if let cookie { fields.append(("set-cookie", cookie)) }
        return fields
    }
}
