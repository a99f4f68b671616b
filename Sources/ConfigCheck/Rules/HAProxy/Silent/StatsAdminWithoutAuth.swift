import ConfigDiagnostics
import HAProxyConfig

/// `stats admin if TRUE` on a stats page without authentication.
struct StatsAdminWithoutAuth: HAProxyRule {
    static let description = RuleDescription(
        id: "stats-admin-without-auth", severity: .warning, domain: .haproxy,
        summary: "`stats admin` is granted unconditionally on a stats page that asks for no password.",
        rationale: """
            `stats admin if TRUE` lets whoever reaches the stats page drain, disable and re-enable servers. \
            Without `stats auth` (or a `stats http-request auth` or `http-request auth` rule), that is anyone \
            who can connect to its port. HAProxy accepts it silently.
            """,
        fix: "Add `stats auth USER:PASSWORD`, or restrict admin with a condition such as `if LOCALHOST`.",
        triggering: [
            .haproxy("""
                listen stats
                    mode http
                    bind :8404
                    stats enable
                    stats uri /stats
                    stats admin if ↓TRUE

                """),
        ],
        nonTriggering: [
            .haproxy("""
                listen stats
                    mode http
                    bind :8404
                    stats enable
                    stats uri /stats
                    stats auth admin:secret
                    stats admin if TRUE
                listen local_stats
                    mode http
                    bind :8405
                    stats enable
                    stats admin if LOCALHOST

                """),
        ])

    static let message = "anyone who reaches this stats page may disable servers: 'stats admin if TRUE' without 'stats auth'"

    func check(_ context: HAProxyCheckContext, _ findings: inout Findings) {
        for proxy in context.proxies {
            // Any authentication in front of the page (stats or http-request rules) answers the concern.
            guard proxy.directive("stats auth") == nil, proxy.directive("stats http-request") == nil,
                  !proxy.proxy.rules.contains(where: { $0.hook == "http-request" && $0.action == "auth" }) else { continue }
            for use in context.conditions(of: proxy.proxy) where use.directive.keyword == "stats admin" && use.isAlwaysTrue {
                findings.report(Self.message, at: use.references[0].range)
            }
        }
    }
}
