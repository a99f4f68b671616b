import ConfigDiagnostics
import KeepalivedConfig

/// `nopreempt` on an instance that starts as MASTER or has priority 255.
struct VRRPNopreemptMaster: KeepalivedRule {
    static let description = RuleDescription(
        id: "vrrp-nopreempt-master", severity: .error, domain: .keepalived,
        summary: "nopreempt on an instance with state MASTER or priority 255, where keepalived drops it.",
        rationale: """
            nopreempt keeps a recovered higher-priority node from taking the VIP back. It only works when the \
            instance starts in BACKUP: with `state MASTER` keepalived clears it ("nopreempt will not work with \
            initial state MASTER - clearing"), and with priority 255 as well ("nopreempt is incompatible with \
            priority 255"). The VIP then moves back and forth on every recovery, which nopreempt was meant to \
            avoid. keepalived -t reports it as a configuration error.
            """,
        fix: "Use `state BACKUP` on every node (and priority 1–254) together with nopreempt.",
        triggering: [
            .keepalived("""
                vrrp_instance VI_1 {
                    state MASTER
                    interface eth0
                    virtual_router_id 51
                    priority 150
                    ↓nopreempt
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
                    nopreempt
                    virtual_ipaddress {
                        192.168.1.10/24
                    }
                }

                """),
        ])

    static let master = "nopreempt does not work with state MASTER: keepalived clears it"
    static let owner = "nopreempt does not work with priority 255: keepalived clears it"

    func check(_ context: KeepalivedCheckContext, _ findings: inout Findings) {
        for instance in context.configuration.instances where instance.noPreempt {
            guard let line = context.line("nopreempt", in: instance.location) else { continue }
            if instance.priority == 255 {
                findings.report(Self.owner, at: context.range(of: line.keyword))
            } else if instance.state == "MASTER" {
                findings.report(Self.master, at: context.range(of: line.keyword))
            }
        }
    }
}
