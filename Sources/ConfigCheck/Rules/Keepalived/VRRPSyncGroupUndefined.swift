import ConfigDiagnostics
import ConfigGrammar
import KeepalivedConfig

/// A `vrrp_sync_group` member naming no `vrrp_instance`.
struct VRRPSyncGroupUndefined: KeepalivedRule {
    static let description = RuleDescription(
        id: "vrrp-sync-group-undefined", severity: .error, domain: .keepalived,
        summary: "A vrrp_sync_group names a vrrp_instance that is not defined.",
        rationale: """
            A sync group makes its instances change state together. keepalived ignores a member it cannot find \
            ("Virtual router VI_3 specified in sync group VG2 doesn't exist - ignoring") and removes a group left \
            without members, so the instances that were meant to fail over together no longer do; keepalived -t \
            fails.
            """,
        fix: "Correct the instance name, or define the instance.",
        triggering: [
            .keepalived("""
                vrrp_sync_group VG1 {
                    group {
                        VI_1
                        VI_2
                        ↓VI_3
                    }
                }
                vrrp_instance VI_1 {
                    state BACKUP
                    interface eth0
                    virtual_router_id 51
                    priority 100
                    virtual_ipaddress {
                        192.168.1.10/24
                    }
                }
                vrrp_instance VI_2 {
                    state BACKUP
                    interface eth0
                    virtual_router_id 52
                    priority 100
                    virtual_ipaddress {
                        192.168.1.11/24
                    }
                }

                """),
        ],
        nonTriggering: [
            .keepalived("""
                vrrp_sync_group VG1 {
                    group {
                        VI_1
                        VI_2
                    }
                }
                vrrp_instance VI_1 {
                    state BACKUP
                    interface eth0
                    virtual_router_id 51
                    priority 100
                    virtual_ipaddress {
                        192.168.1.10/24
                    }
                }
                vrrp_instance VI_2 {
                    state BACKUP
                    interface eth0
                    virtual_router_id 52
                    priority 100
                    virtual_ipaddress {
                        192.168.1.11/24
                    }
                }

                """),
        ])

    static func message(_ name: String, group: String) -> String {
        "sync group '\(group)' names no vrrp_instance '\(name)'"
    }

    func check(_ context: KeepalivedCheckContext, _ findings: inout Findings) {
        let defined = context.configuration.instances.map(\.name)
        for group in context.configuration.syncGroups {
            for member in context.node(at: group.location)?.child("group")?.children ?? []
            where !defined.contains(member.keyword.text) {
                let range = context.range(of: member.keyword)
                var fixIts: [FixIt] = []
                if let suggestion = Suggestion.closest(to: member.keyword.text, in: defined) {
                    fixIts.append(FixIt(message: "did you mean '\(suggestion)'?", range: range, replacement: suggestion))
                }
                findings.report(Self.message(member.keyword.text, group: group.name), at: range, fixIts: fixIts)
            }
        }
    }
}
