import ConfigDiagnostics
import HAProxyConfig

/// A userlist user in a group the userlist does not declare.
struct UserlistGroupUndefined: HAProxyRule {
    static let description = RuleDescription(
        id: "userlist-group-undefined", severity: .error, domain: .haproxy,
        summary: "A `user` line of a userlist names a group that the userlist does not declare with `group`.",
        rationale: """
            `user NAME … groups G1,G2` puts a user in groups that `group` lines of the same userlist declare. \
            HAProxy refuses a group it cannot find (\"no such group\"), so a typo in a group name stops the load \
            balancer from starting rather than silently leaving the user outside the group.
            """,
        fix: "Declare the group with `group NAME` in the userlist, or correct its name on the `user` line.",
        triggering: [
            .haproxy("""
                userlist admins
                    group ops
                    ↓user alice insecure-password secret groups ops,opz

                """),
        ],
        nonTriggering: [
            .haproxy("""
                userlist admins
                    group ops
                    group dev
                    user alice insecure-password secret groups ops,dev
                    user bob insecure-password secret

                """),
        ])

    func check(_ context: HAProxyCheckContext, _ findings: inout Findings) {
        for userlist in context.configuration.userlists {
            let declared = Set(userlist.groups)
            for user in userlist.users {
                guard let missing = user.groups.first(where: { !declared.contains($0) }) else { continue }
                findings.report("userlist '\(userlist.name)' declares no group '\(missing)' (user '\(user.name)')", at: user.range)
            }
        }
    }
}
