import ConfigDiagnostics
import HAProxyConfig

/// A stats page password written in clear.
struct StatsAuthPlaintext: HAProxyRule {
    static let description = RuleDescription(
        id: "stats-auth-plaintext", severity: .note, domain: .haproxy,
        summary: "`stats auth USER:PASSWORD` keeps the stats password in clear in the configuration.",
        rationale: """
            `stats auth` takes the password as written, so it is readable by anyone who can read haproxy.cfg, \
            its backups and its copies in version control. A `userlist` can hold a hashed password \
            (`user NAME password $6$…`, crypt(3) format), and the stats page can require it with \
            `stats http-request auth unless { http_auth(LIST) }`.
            """,
        fix: "Move the user to a `userlist` with a hashed `password`, checked by `stats http-request auth`.",
        triggering: [
            .haproxy("""
                listen stats
                    mode http
                    bind :8404
                    stats enable
                    stats auth admin:↓S3cret

                """),
        ],
        nonTriggering: [
            .haproxy("""
                userlist stats_users
                    user admin password $6$k6y3o.eP$JlKBx9za9667qe4xHSwRv6J.C0/D7cV91
                listen stats
                    mode http
                    bind :8404
                    stats enable
                    stats http-request auth unless { http_auth(stats_users) }

                """),
        ])

    static func message(_ user: String) -> String { "the stats password of '\(user)' is written in clear" }

    func check(_ context: HAProxyCheckContext, _ findings: inout Findings) {
        for proxy in context.allProxies {
            for line in proxy.directives("stats auth") {
                guard let credentials = line.arguments.first, let colon = credentials.firstIndex(of: ":") else { continue }
                let user = String(credentials[..<colon])
                let passwordStart = credentials.utf8.distance(from: credentials.startIndex, to: colon) + 1
                let range = line.argumentRanges[0].slice(of: credentials, from: passwordStart, to: credentials.utf8.count)
                findings.report(Self.message(user), at: range)
            }
        }
    }
}
