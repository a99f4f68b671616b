import ConfigDiagnostics
import KeepalivedConfig

/// `priority 255`, which declares the node the owner of the virtual addresses.
struct VRRPPriorityOwner: KeepalivedRule {
    static let description = RuleDescription(
        id: "vrrp-priority-owner", severity: .warning, domain: .keepalived,
        summary: "priority 255 declares this node the owner of the virtual addresses.",
        rationale: """
            VRRP reserves priority 255 for the address owner: the router whose interface really carries the \
            virtual address. keepalived then always starts as MASTER, takes the role back at once, turns on accept \
            mode and ignores nopreempt, and two nodes both at 255 fight over the address ("both configured as \
            address owner"). A floating VIP shared by an HAProxy pair has no owner; use 1–254, the highest on the \
            preferred node. Weir cannot see the interface's own addresses: when the VIP truly is one, silence \
            the finding with a `# weir:disable=vrrp-priority-owner` comment.
            """,
        fix: "Use a priority from 1 to 254 (e.g. 150 on the primary, 100 on the standby).",
        triggering: [
            .keepalived("""
                vrrp_instance VI_1 {
                    state MASTER
                    interface eth0
                    virtual_router_id 51
                    priority ↓255
                    virtual_ipaddress {
                        192.168.1.10/24
                    }
                }

                """),
        ],
        nonTriggering: [
            .keepalived("""
                vrrp_instance VI_1 {
                    state MASTER
                    interface eth0
                    virtual_router_id 51
                    priority 254
                    virtual_ipaddress {
                        192.168.1.10/24
                    }
                }

                """),
        ])

    static let message = "priority 255 makes this node the address owner of the virtual addresses"

    func check(_ context: KeepalivedCheckContext, _ findings: inout Findings) {
        for instance in context.configuration.instances where instance.priority == 255 {
            guard let range = context.valueRange("priority", in: instance.location) else { continue }
            findings.report(Self.message, at: range)
        }
    }
}
