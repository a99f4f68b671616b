import ConfigDiagnostics

/// A firewall-mark virtual server that names a protocol.
struct VirtualServerFwmarkProtocol: KeepalivedRule {
    static let description = RuleDescription(
        id: "virtual-server-fwmark-protocol", severity: .error, domain: .keepalived,
        summary: "A fwmark virtual server sets 'protocol', which keepalived ignores.",
        rationale: """
            A virtual server selected by firewall mark matches whatever packets the mark was set on, so its \
            protocol comes from the iptables/nftables rule, not from keepalived. keepalived ignores the line \
            and 'keepalived -t' reports it; a reader of the config is misled into thinking only that protocol \
            is balanced.
            """,
        fix: "Remove the 'protocol' line and match the protocol in the rule that sets the mark.",
        triggering: [
            .keepalived("""
                virtual_server fwmark 1 {
                    lb_algo rr
                    lb_kind NAT
                    protocol ↓TCP
                    real_server 10.0.1.1 80 {
                        weight 1
                    }
                }

                """),
        ],
        nonTriggering: [
            .keepalived("""
                virtual_server fwmark 1 {
                    lb_algo rr
                    lb_kind NAT
                    real_server 10.0.1.1 80 {
                        weight 1
                    }
                }

                """),
        ])

    static let message = "a fwmark virtual server takes its protocol from the rule that sets the mark: keepalived ignores this"

    func check(_ context: KeepalivedCheckContext, _ findings: inout Findings) {
        for server in context.configuration.virtualServers where server.target.first == "fwmark" {
            if let range = context.valueRange("protocol", in: server.location) { findings.report(Self.message, at: range) }
        }
    }
}
