import ConfigDiagnostics
import KeepalivedConfig

/// AH authentication on an instance that starts as MASTER below priority 255.
struct VRRPAHMaster: KeepalivedRule {
    static let description = RuleDescription(
        id: "vrrp-ah-master", severity: .error, domain: .keepalived,
        summary: "AH authentication with state MASTER, which keepalived changes to BACKUP.",
        rationale: """
            With AH authentication a node must first receive an advertisement to learn the sequence number \
            before it may take over, so it cannot start as MASTER unless it is the address owner (priority \
            255). keepalived reports "Initial state master is incompatible with AH authentication - clearing" \
            (keepalived -t fails) and starts the instance as BACKUP.
            """,
        fix: "Use `state BACKUP` on every node and let the priorities elect the master.",
        triggering: [
            .keepalived("""
                vrrp_instance VI_1 {
                    state ↓MASTER
                    interface eth0
                    virtual_router_id 51
                    priority 150
                    authentication {
                        auth_type AH
                        auth_pass secret
                    }
                    virtual_ipaddress {
                        192.168.1.10/24
                    }
                }

                """),
        ],
        nonTriggering: [
            .keepalived("""
                vrrp_instance VI_1 {
                    state BACKUP
                    interface eth0
                    virtual_router_id 51
                    priority 150
                    authentication {
                        auth_type AH
                        auth_pass secret
                    }
                    virtual_ipaddress {
                        192.168.1.10/24
                    }
                }

                """),
        ])

    static let message = "an instance with AH authentication cannot start as MASTER: keepalived starts it as BACKUP"

    func check(_ context: KeepalivedCheckContext, _ findings: inout Findings) {
        for instance in context.configuration.instances
        where instance.state == "MASTER" && instance.priority != 255 && instance.authentication?.type == "AH" {
            guard context.vrrpVersion(of: instance) == 2, !context.isStrict(instance),
                  let range = context.valueRange("state", in: instance.location) else { continue }
            findings.report(Self.message, at: range)
        }
    }
}
