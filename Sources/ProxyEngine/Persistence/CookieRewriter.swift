import RuntimePlan

/// The persistence cookie on the wire (doc/configuration.txt `cookie`;
/// ../shared/reference/haproxy-ops.md §6.5): reading the server's value
/// from a request cookie, stripping it before forwarding, and the
/// `Set-Cookie` HAProxy inserts, rewrites or prefixes in responses.
enum CookieRewriter {
    /// The server part of a request cookie's value and what follows it: `srv~value` in prefix
    /// mode, `srv|dates` when dates are appended (maxidle/maxlife), else the whole value.
    static func split(_ value: String, mode: CookiePlan.Mode) -> (server: String, rest: String?) {
        let delimiter: Character = mode == .prefix ? "~" : "|"
        guard let index = value.firstIndex(of: delimiter) else { return (value, nil) }
        return (String(value[..<index]), String(value[value.index(after: index)...]))
    }

    /// `insert indirect` removes the cookie from the forwarded request; `prefix` gives the server its own value back.
    static func stripRequest(_ request: inout RequestFacts, cookie: CookiePlan, rest: String?) {
        let removes = cookie.mode == .insert && cookie.indirect
        guard removes || (cookie.mode == .prefix && rest != nil) else { return }
        var changed = false
        for index in request.headers.indices where request.headers[index].name.lowercased() == "cookie" {
            var pairs = request.headers[index].value.split(separator: ";").map(trimmed)
            for position in pairs.indices.reversed() where pairs[position].hasPrefix(cookie.name + "=") {
                if removes {
                    pairs.remove(at: position)
                } else if let tilde = pairs[position].firstIndex(of: "~") {
                    pairs[position] = cookie.name + "=" + pairs[position][pairs[position].index(after: tilde)...]
                }
                changed = true
            }
            request.headers[index].value = pairs.joined(separator: "; ")
        }
        if changed { request.headers.removeAll { $0.name.lowercased() == "cookie" && $0.value.isEmpty } }
    }

    /// The value of an inserted `Set-Cookie` (attributes in HAProxy's order: path, domain, HttpOnly, Secure, attr).
    static func inserted(_ cookie: CookiePlan, serverValue: String?) -> String {
        guard let serverValue else { return "\(cookie.name)=; Expires=Thu, 01-Jan-1970 00:00:01 GMT; path=/" }
        var text = "\(cookie.name)=\(serverValue); path=/"
        for domain in cookie.domains { text += "; domain=\(domain)" }
        if cookie.httponly { text += "; HttpOnly" }
        if cookie.secure { text += "; Secure" }
        for attribute in cookie.attributes { text += "; \(attribute)" }
        return text
    }

    /// Whether HAProxy 2.6.12 considers a response cacheable for `nocache` (src/http_ana.c `http_check_response_for_cacheability`).
    static func isCacheable(method: String, status: Int, headers: [(name: String, value: String)]) -> Bool {
        guard ["GET", "HEAD", "OPTIONS", "TRACE"].contains(method),
              [200, 203, 204, 206, 300, 301, 404, 405, 410, 414, 501].contains(status) else { return false }
        var fresh = false
        for (name, value) in headers {
            switch name.lowercased() {
            case "cache-control":
                for directive in value.lowercased().split(separator: ",").map(trimmed) {
                    if ["private", "no-cache", "no-store", "max-age=0", "s-maxage=0"].contains(directive) { return false }
                    if directive.hasPrefix("max-age=") || directive.hasPrefix("s-maxage=") { fresh = true }
                }
            case "expires", "etag", "last-modified":
                fresh = true
            default:
                break
            }
        }
        return fresh
    }

    /// The text without the spaces and tabs around it.
    static func trimmed(_ text: Substring) -> String {
        String(text.drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
    }
}
