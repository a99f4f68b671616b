import HAProxyConfig

extension ACLTestSpec {
    /// The ACL tests of a proxy whose criterion passes `accepts`: its `acl` lines, then the anonymous ACLs of
    /// its conditions (read once per configuration, see `HAProxyCheckContext.aclTests(of:)`).
    static func all(in proxy: Proxy, of context: HAProxyCheckContext, criterion accepts: (String) -> Bool) -> [ACLTestSpec] {
        context.aclTests(of: proxy).filter { accepts($0.criterion.text) }
    }

    /// Every ACL test of a proxy whose conditions are `conditions`: its `acl` lines, then the anonymous ACLs.
    static func all(in proxy: Proxy, conditions: [ConditionUse]) -> [ACLTestSpec] {
        var result = proxy.acls.map(ACLTestSpec.init)
        for use in conditions {
            result += use.anonymous.compactMap { words in
                ACLTestSpec(words: words.map(\.text), ranges: words.map(\.range), fallback: use.directive.range, name: nil)
            }
        }
        return result
    }

    /// Whether a criterion's text may test a header (`hdr(host)`, `req.hdr_end(x)`).
    static func mayTestHeader(_ criterion: String) -> Bool { criterion.containsBytes("hdr") }
}
