import ConfigDiagnostics
import KeepalivedConfig

/// Unicast settings of an instance that do not fit together.
struct VRRPUnicastPeers: KeepalivedRule {
    static let description = RuleDescription(
        id: "vrrp-unicast-peers", severity: .warning, domain: .keepalived,
        summary: "Unicast peers that mix address families, list the node itself, or are missing.",
        rationale: """
            With `unicast_peer`, keepalived sends advertisements to each listed peer from `unicast_src_ip` (or \
            the interface's primary address). A peer of the other address family than the instance is skipped \
            ("MUST be of the same family !!! Skipping..."), so that node never hears the master: an error. The \
            node's own source address as its only peer means the other node is never told anything (a warning); \
            among other peers it is harmless, keepalived ignores its own advertisements, and is shown as a note. `unicast_src_ip` without any peer falls back to multicast, a \
            deprecated behaviour. Peers with neither `unicast_src_ip` nor `interface` leave keepalived no \
            interface to send on (keepalived 2.2.7: "Unknown interface!"): an error. Without \
            `unicast_src_ip` keepalived sends from the interface's primary address, which is fine.
            """,
        fix: "List every other node (and only those) under unicast_peer, in the instance's address family.",
        triggering: [
            .keepalived("""
                vrrp_instance VI_1 {
                    state BACKUP
                    interface eth0
                    virtual_router_id 51
                    priority 100
                    unicast_src_ip 10.0.0.1
                    unicast_peer {
                        ↓10.0.0.1
                        10.0.0.2
                        ↓fd00::2
                    }
                    virtual_ipaddress {
                        10.0.0.10/24
                    }
                }

                """),
            .keepalived("""
                vrrp_instance VI_1 {
                    state BACKUP
                    interface eth0
                    virtual_router_id 51
                    priority 100
                    unicast_src_ip 10.0.0.1
                    unicast_peer {
                        ↓10.0.0.1
                    }
                    virtual_ipaddress {
                        10.0.0.10/24
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
                    unicast_src_ip 10.0.0.1
                    unicast_peer {
                        10.0.0.2
                    }
                    virtual_ipaddress {
                        10.0.0.10/24
                    }
                }

                """),
        ])

    static func selfPeer(_ address: String) -> String { "unicast_peer \(address) is this node's own unicast_src_ip" }
    static func family(_ address: String, expected: IPAddressFamily) -> String {
        "unicast peer \(address) is not \(expected.name) like the instance: keepalived skips it"
    }
    static let noPeers = "unicast_src_ip without unicast_peer: keepalived falls back to multicast (deprecated)"
    static let noSource = "unicast peers without unicast_src_ip or interface: keepalived cannot tell which interface to use"

    func check(_ context: KeepalivedCheckContext, _ findings: inout Findings) {
        for instance in context.configuration.instances {
            guard let block = context.block(of: instance) else { continue }
            let peers = block.child("unicast_peer")?.children ?? []
            let source = instance.unicastSourceIP
            if peers.isEmpty, source != nil, let line = block.child("unicast_src_ip") {
                findings.report(Self.noPeers, at: context.range(of: line.keyword))
            }
            if let line = block.child("unicast_peer"), !peers.isEmpty, source == nil, instance.interface == nil {
                findings.report(Self.noSource, at: context.range(of: line.keyword), severity: .error)
            }
            let expected = instance.virtualAddresses.isEmpty
                ? source.flatMap { IPAddressFamily(address: $0) } ?? .ipv4 : context.family(of: instance)
            for peer in peers {
                let address = peer.keyword.text
                let range = context.range(of: peer.keyword)
                if address == source {
                    let othersListed = peers.contains { $0.keyword.text != source }
                    findings.report(Self.selfPeer(address), at: range, severity: othersListed ? .note : nil)
                } else if let family = IPAddressFamily(address: address), family != expected {
                    findings.report(Self.family(address, expected: expected), at: range, severity: .error)
                }
            }
        }
    }
}
