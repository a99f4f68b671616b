import ConfigDiagnostics

/// A bind on a Keepalived virtual address, which the standby node does not hold.
struct NonlocalBindNeeded: NodeRule {
    static let description = RuleDescription(
        id: "nonlocal-bind-needed", severity: .note, domain: .node,
        summary: "HAProxy binds a Keepalived virtual address, which only the master holds.",
        rationale: """
            On the node that is BACKUP the virtual address is not configured, so binding it fails and haproxy \
            does not start there, unless the kernel allows binding foreign addresses \
            (sysctl net.ipv4.ip_nonlocal_bind=1, net.ipv6.ip_nonlocal_bind=1 for IPv6) or the bind line has \
            'transparent'. Without it a failover finds no HAProxy running on the standby.
            """,
        fix: "Set net.ipv4.ip_nonlocal_bind=1 in /etc/sysctl.d on both nodes, or bind a wildcard address.",
        triggering: [
            .node(haproxy: """
                frontend web
                    mode http
                    bind ↓10.0.0.10:80
                    timeout client 30s
                    default_backend app
                backend app
                    mode http
                    timeout connect 5s
                    timeout server 30s
                    server a 10.0.1.1:80

                """, keepalived: """
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
            .node(haproxy: """
                frontend web
                    mode http
                    bind 10.0.0.10:80 transparent
                    timeout client 30s
                    default_backend app
                backend app
                    mode http
                    timeout connect 5s
                    timeout server 30s
                    server a 10.0.1.1:80

                """, keepalived: """
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

    static func message(_ address: String, instance: String) -> String {
        "\(address) is a virtual address of VRRP instance '\(instance)': binding it needs net.ipv4.ip_nonlocal_bind=1 on the node that does not hold it"
    }

    func check(_ node: NodeCheckContext, _ findings: inout Findings) {
        let vips = node.virtualAddresses
        for bound in node.boundAddresses where !bound.bind.options.contains(where: { $0.name == "transparent" || $0.name == "freebind" }) {
            guard let vip = vips.first(where: { $0.address.address == bound.address.host }) else { continue }
            findings.report(Self.message(bound.address.host, instance: vip.instance.name), at: bound.range,
                            notes: [DiagnosticNote(message: "the virtual address", range: vip.range)])
        }
    }
}
