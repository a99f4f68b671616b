import ConfigDiagnostics
import KeepalivedConfig

/// Two VRRP instances of one keepalived.conf that share a VRID on the same network.
struct VRRPVRIDDuplicate: KeepalivedRule {
    static let description = RuleDescription(
        id: "vrrp-vrid-duplicate", severity: .error, domain: .keepalived,
        summary: "Two vrrp_instances use the same virtual_router_id on the same interface and address family.",
        rationale: """
            A VRID names one virtual router on a network segment. Two instances of the same keepalived with the \
            same VRID, address family and interface (and multicast group) would answer each other's \
            advertisements, so keepalived refuses the configuration ("VI_1 and VI_2 both use VRID 51 with IPv4 \
            on interface eth0") and does not start VRRP. Unicast instances conflict when they also share their \
            source address and a peer.
            """,
        fix: "Give each instance on an interface its own virtual_router_id.",
        triggering: [
            .keepalived("""
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
                    virtual_router_id ↓51
                    priority 100
                    virtual_ipaddress {
                        192.168.1.11/24
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
                vrrp_instance VI_3 {
                    state BACKUP
                    interface eth1
                    virtual_router_id 51
                    priority 100
                    virtual_ipaddress {
                        10.0.0.10/24
                    }
                }

                """),
        ])

    static func message(_ vrid: Int, first: String, interface: String) -> String {
        "VRID \(vrid) is already used by \(first) on interface \(interface)"
    }

    func check(_ context: KeepalivedCheckContext, _ findings: inout Findings) {
        // Keepalived sees two instances as one VRID on one network when they share VRID, interface and address
        // family, and either both multicast to the same group or both unicast from the same source to a common
        // peer. Each instance is filed under those keys once, so the check stays linear in the instances.
        var first: [String: String] = [:]
        for instance in context.configuration.instances {
            guard let vrid = instance.virtualRouterID, let interface = instance.interface else { continue }
            let network = "\(vrid) \(interface) \(context.family(of: instance))"
            let keys = instance.unicastPeers.isEmpty
                ? [network + " multicast " + (context.block(of: instance)?.value("mcast_dst_ip") ?? "")]
                : instance.unicastPeers.map { network + " unicast \(instance.unicastSourceIP ?? "") \($0)" }
            if let earlier = keys.lazy.compactMap({ first[$0] }).first,
               let range = context.valueRange("virtual_router_id", in: instance.location) {
                findings.report(Self.message(vrid, first: earlier, interface: interface), at: range)
            }
            for key in keys where first[key] == nil { first[key] = instance.name }
        }
    }
}
