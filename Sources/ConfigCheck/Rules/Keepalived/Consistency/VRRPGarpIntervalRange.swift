import ConfigDiagnostics

/// `vrrp_garp_interval` or `vrrp_gna_interval` outside keepalived's range.
struct VRRPGarpIntervalRange: KeepalivedRule {
    static let description = RuleDescription(
        id: "vrrp-garp-interval-range", severity: .error, domain: .keepalived,
        summary: "vrrp_garp_interval or vrrp_gna_interval is not between 0.000001 and 4294.967295 seconds.",
        rationale: """
            These set the delay between the gratuitous ARP (or unsolicited neighbour advertisement) messages \
            a new master sends. keepalived rejects 0 and anything outside its range, ignores the line and \
            keeps its default; 'keepalived -t' reports it. Leave the line out for no delay between messages.
            """,
        fix: "Remove the line, or give a positive number of seconds such as 0.001.",
        triggering: [
            .keepalived("""
                global_defs {
                    vrrp_garp_interval ↓0
                }

                """),
        ],
        nonTriggering: [
            .keepalived("""
                global_defs {
                    vrrp_garp_interval 0.001
                }

                """),
        ])

    static let keywords = ["vrrp_garp_interval", "vrrp_gna_interval"]
    static let range = 0.000001...4294.967295

    static func message(_ keyword: String, _ value: String) -> String {
        "\(keyword) '\(value)' is outside 0.000001 to 4294.967295 seconds: keepalived ignores the line"
    }

    func check(_ context: KeepalivedCheckContext, _ findings: inout Findings) {
        for node in context.syntax.nodes where node.keyword.text == "global_defs" {
            for line in node.children ?? [] where Self.keywords.contains(line.keyword.text) {
                guard let value = line.arguments.first else { continue }
                if let number = Double(value.text), Self.range.contains(number) { continue }
                findings.report(Self.message(line.keyword.text, value.text), at: context.range(of: value))
            }
        }
    }
}
