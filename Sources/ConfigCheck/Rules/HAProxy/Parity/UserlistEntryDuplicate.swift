import ConfigDiagnostics
import HAProxyConfig

/// A `userlist` declared twice, or a user or group declared twice in one userlist: HAProxy keeps the first and
/// ignores the later one.
struct UserlistEntryDuplicate: HAProxyRule {
    static let description = RuleDescription(
        id: "userlist-entry-duplicate", severity: .warning, domain: .haproxy,
        summary: "A `userlist`, a `user` or `group` in one userlist, or a `stats auth` user of one section is declared twice; HAProxy ignores the later one.",
        rationale: """
            HAProxy keeps the first `userlist` of a name and warns that it ignores the next one with all its \
            users ("ignoring duplicated userlist 'admins'"); in one userlist, a second `user` or `group` of the \
            same name is ignored as well, and so is a second `stats auth` line for the same user in one section \
            ("uri auth: ignoring duplicated user"). A password changed on the later line therefore never takes \
            effect.
            """,
        fix: "Merge the two declarations into one, or give the later one another name.",
        triggering: [
            .haproxy("""
                userlist admins
                    user alice insecure-password one
                    ↓user alice insecure-password changed
                    group ops
                    ↓group ops
                ↓userlist admins
                    user bob insecure-password secret
                defaults
                    mode http
                    timeout connect 5s
                    timeout client 30s
                    timeout server 30s
                listen web
                    bind 127.0.0.1:8080
                    stats enable
                    stats auth admin:one
                    ↓stats auth admin:two
                    server a 127.0.0.1:9000

                """),
        ],
        nonTriggering: [
            .haproxy("""
                userlist admins
                    group ops
                    user alice insecure-password one groups ops
                userlist viewers
                    user alice insecure-password other
                defaults
                    mode http
                    timeout connect 5s
                    timeout client 30s
                    timeout server 30s
                listen web
                    bind 127.0.0.1:8080
                    server a 127.0.0.1:9000

                """),
        ])

    func check(_ context: HAProxyCheckContext, _ findings: inout Findings) {
        var lists: Set<String> = []
        for userlist in context.configuration.userlists {
            guard lists.insert(userlist.name).inserted else {
                let start = userlist.range.start
                findings.report("ignoring duplicated userlist '\(userlist.name)'",
                                at: userlist.range.with(start: start, end: start))
                continue
            }
            var users: Set<String> = []
            for user in userlist.users where !users.insert(user.name).inserted {
                findings.report("ignoring duplicated user '\(user.name)' in userlist '\(userlist.name)'", at: user.range)
            }
            var groups: Set<String> = []
            for line in userlist.directives where line.keyword == "group" {
                guard let name = line.arguments.first, !groups.insert(name).inserted else { continue }
                findings.report("ignoring duplicated group '\(name)' in userlist '\(userlist.name)'", at: line.range)
            }
        }
        guard context.vocabulary.uses(keyword: "stats auth") else { return }
        for proxy in context.allProxies {
            var users: Set<Substring> = []
            for line in proxy.directives("stats auth") {
                guard let user = line.arguments.first?.split(separator: ":", maxSplits: 1).first else { continue }
                if !users.insert(user).inserted {
                    findings.report("uri auth: ignoring duplicated user '\(user)' of 'stats auth'", at: line.range)
                }
            }
        }
    }
}
