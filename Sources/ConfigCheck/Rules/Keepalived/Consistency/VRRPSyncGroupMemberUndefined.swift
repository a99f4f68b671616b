import ConfigDiagnostics

/// A `vrrp_sync_group` member that names no `vrrp_instance`.
struct VRRPSyncGroupMemberUndefined: KeepalivedRule {
    static let description = RuleDescription(
        id: "vrrp-sync-group-member-undefined", severity: .error, domain: .keepalived,
        summary: "A vrrp_sync_group lists an instance that is not defined.",
        rationale: """
            A sync group makes its instances change state together. keepalived ignores a member that names no \
            vrrp_instance, so the instance meant to follow (usually on another interface) fails over on its \
            own; 'keepalived -t' reports it.
            """,
        fix: "Correct the name, or define the vrrp_instance.",
        triggering: [
            .keepalived("""
                vrrp_sync_group VG1 {
                    group {
                        VI_1
                        ↓VI_2
                    }
                }
                vrrp_instance VI_1 {
                    state BACKUP
                    interface eth0
                    virtual_router_id 51
                    priority 100
                    virtual_ipaddress {
                        10.0.0.10/24
                    }
                }

                """),
        ],
        nonTriggering: [
            .keepalived("""
                vrrp_sync_group VG1 {
                    group {
                        VI_1
                    }
                }
                vrrp_instance VI_1 {
                    state BACKUP
                    interface eth0
                    virtual_router_id 51
                    priority 100
                    virtual_ipaddress {
                        10.0.0.10/24
                    }
                }

                """),
        ])

    static func message(_ member: String, group: String) -> String {
        "no vrrp_instance named '\(member)' for sync group '\(group)': keepalived ignores the member"
    }

    func check(_ context: KeepalivedCheckContext, _ findings: inout Findings) {
        let instances = Set(context.configuration.instances.map(\.name))
        for group in context.configuration.syncGroups {
            for line in context.node(at: group.location)?.child("group")?.children ?? []
            where !instances.contains(line.keyword.text) {
                findings.report(Self.message(line.keyword.text, group: group.name), at: context.range(of: line.keyword))
            }
        }
    }
}
