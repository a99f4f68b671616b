import HAProxyConfig

extension ACLTestSpec {
    /// The ACL tests of a proxy whose criterion passes `accepts` (a cheap test on the text, so that the rest are
    /// not read): its `acl` lines, then the anonymous ACLs of its conditions.
    static func all(in proxy: Proxy, of context: HAProxyCheckContext, criterion accepts: (String) -> Bool) -> [ACLTestSpec] {
        var result = proxy.acls.compactMap { accepts($0.criterion) ? ACLTestSpec($0) : nil }
        for use in context.conditions(of: proxy) {
            result += use.anonymous.compactMap { words in
                guard let first = words.first, accepts(first.text) else { return nil }
                return ACLTestSpec(words: words.map(\.text), ranges: words.map(\.range), fallback: use.directive.range, name: nil)
            }
        }
        return result
    }

    /// Whether a criterion's text may test a header (`hdr(host)`, `req.hdr_end(x)`).
    static func mayTestHeader(_ criterion: String) -> Bool { criterion.containsBytes("hdr") }
}
