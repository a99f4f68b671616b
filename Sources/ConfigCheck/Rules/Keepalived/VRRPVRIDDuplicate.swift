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
        let instances = context.configuration.instances
        for (index, instance) in instances.enumerated() {
            guard let vrid = instance.virtualRouterID, let interface = instance.interface else { continue }
            guard let earlier = instances[..<index].first(where: { conflict($0, instance, context) }),
                  let range = context.valueRange("virtual_router_id", in: instance.location) else { continue }
            findings.report(Self.message(vrid, first: earlier.name, interface: interface), at: range)
        }
    }

    /// Whether keepalived sees the two instances as one VRID on one network.
    private func conflict(_ a: VRRPInstance, _ b: VRRPInstance, _ context: KeepalivedCheckContext) -> Bool {
        guard a.virtualRouterID == b.virtualRouterID, a.interface == b.interface,
              context.family(of: a) == context.family(of: b),
              a.unicastPeers.isEmpty == b.unicastPeers.isEmpty else { return false }
        if a.unicastPeers.isEmpty {
            return context.block(of: a)?.value("mcast_dst_ip") == context.block(of: b)?.value("mcast_dst_ip")
        }
        return a.unicastSourceIP == b.unicastSourceIP && !Set(a.unicastPeers).isDisjoint(with: b.unicastPeers)
    }
}
