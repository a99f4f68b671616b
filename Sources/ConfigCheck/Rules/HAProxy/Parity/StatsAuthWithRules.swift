import ConfigDiagnostics
import HAProxyConfig

/// `stats auth` or `stats realm` in a proxy that also has `stats http-request` rules, which HAProxy refuses.
struct StatsAuthWithRules: HAProxyRule {
    static let description = RuleDescription(
        id: "stats-auth-with-rules", severity: .error, domain: .haproxy,
        summary: "`stats auth`/`stats realm` and `stats http-request` rules in one proxy, which HAProxy refuses.",
        rationale: """
            HAProxy turns `stats auth` and `stats realm` into an authentication rule of its own for the stats \
            page, and cannot do so once the page has `stats http-request` rules: it refuses the proxy ("stats \
            'auth'/'realm' and 'http-request' can't be used at the same time"). The settings count from the \
            proxy's `defaults` section too.
            """,
        fix: "Keep one of the two: either `stats auth`, or rules such as `stats http-request auth unless { http_auth(admins) }` with a `userlist`.",
        triggering: [
            .haproxy("""
                defaults
                    mode http
                    timeout connect 5s
                    timeout client 30s
                    timeout server 30s
                listen stats
                    bind 127.0.0.1:8404
                    stats enable
                    stats auth admin:secret
                    ↓stats http-request allow if { src 127.0.0.1 }

                """),
        ],
        nonTriggering: [
            .haproxy("""
                userlist admins
                    user admin insecure-password secret
                defaults
                    mode http
                    timeout connect 5s
                    timeout client 30s
                    timeout server 30s
                listen stats
                    bind 127.0.0.1:8404
                    stats enable
                    stats http-request auth unless { http_auth(admins) }

                """),
        ])

    func check(_ context: HAProxyCheckContext, _ findings: inout Findings) {
        guard context.vocabulary.uses(keyword: "stats http-request") else { return }
        for effective in context.proxies {
            guard let rule = effective.proxy.directives("stats http-request").first else { continue }
            let authenticated = ([effective.proxy] + effective.chain).contains { proxy in
                proxy.directives.contains { $0.keyword == "stats auth" || $0.keyword == "stats realm" }
            }
            if authenticated {
                findings.report("\(effective.proxy.kind.rawValue) '\(effective.name)': stats 'auth'/'realm' and "
                                + "'http-request' can't be used at the same time", at: rule.range)
            }
        }
    }
}
