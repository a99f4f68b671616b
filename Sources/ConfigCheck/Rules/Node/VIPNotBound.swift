import ConfigDiagnostics

/// A Keepalived virtual address that the node's HAProxy does not listen on.
struct VIPNotBound: NodeRule {
    static let description = RuleDescription(
        id: "vip-not-bound", severity: .warning, domain: .node,
        summary: "No HAProxy bind listens on a Keepalived virtual address of the same node.",
        rationale: """
            Keepalived moves the virtual address to the node that wins the election so that clients reach \
            HAProxy there. When every bind names another address, the traffic that arrives on the virtual \
            address finds no listener and the failover protects nothing.
            """,
        fix: "Bind the virtual address (with net.ipv4.ip_nonlocal_bind=1) or a wildcard such as '*:80'.",
        triggering: [
            .node(haproxy: """
                frontend web
                    mode http
                    bind 10.0.0.11:80
                    timeout client 30s
                    default_backend app
                backend app
                    mode http
                    timeout connect 5s
                    timeout server 30s
                    server a 10.0.1.1:80

                """, keepalived: """
                vrrp_instance VI_1 {
                    state MASTER
                    interface eth0
                    virtual_router_id 51
                    priority 101
                    virtual_ipaddress {
                        ↓10.0.0.10/24
                    }
                }

                """),
        ],
        nonTriggering: [
            .node(haproxy: """
                frontend web
                    mode http
                    bind *:80
                    timeout client 30s
                    default_backend app
                backend app
                    mode http
                    timeout connect 5s
                    timeout server 30s
                    server a 10.0.1.1:80

                """, keepalived: """
                vrrp_instance VI_1 {
                    state MASTER
                    interface eth0
                    virtual_router_id 51
                    priority 101
                    virtual_ipaddress {
                        10.0.0.10/24
                    }
                }

                """),
        ])

    static func message(_ address: String) -> String {
        "no HAProxy bind of this node listens on virtual address \(address) or on a wildcard address"
    }

    func check(_ node: NodeCheckContext, _ findings: inout Findings) {
        let binds = node.boundAddresses
        guard node.haproxy != nil, !binds.isEmpty, !binds.contains(where: \.isWildcard) else { return }
        for vip in node.virtualAddresses where !binds.contains(where: { $0.address.host == vip.address.address }) {
            findings.report(Self.message(vip.address.address), at: vip.range,
                            notes: binds.prefix(3).map { DiagnosticNote(message: "'\($0.proxy)' binds here", range: $0.range) })
        }
    }
}
