import ConfigDiagnostics

/// Two nodes of a VRRP instance with the same priority.
struct VRRPPriorityTie: PairRule {
    static let description = RuleDescription(
        id: "vrrp-priority-tie", severity: .warning, domain: .pair,
        summary: "Two nodes of a VRRP instance have the same priority.",
        rationale: """
            With equal priorities VRRP breaks the tie by the higher primary IP address, so which node becomes \
            master depends on addressing rather than on the configuration, and a returning node may not take \
            the address back as intended. Give the intended master the higher priority.
            """,
        fix: "Give each node of the instance a different priority (e.g. 101 on the master, 100 on the standby).",
        triggering: [
            .pair(a: (haproxy: PairExamples.haproxy, keepalived: PairExamples.instance(state: "MASTER", priority: 100)),
                  b: (haproxy: PairExamples.haproxy, keepalived: PairExamples.instance(state: "BACKUP", priority: 100)
                      .replacingOccurrences(of: "priority 100", with: "priority ↓100"))),
        ],
        nonTriggering: [
            .pair(a: (haproxy: PairExamples.haproxy, keepalived: PairExamples.instance(state: "MASTER", priority: 101)),
                  b: (haproxy: PairExamples.haproxy, keepalived: PairExamples.instance(state: "BACKUP", priority: 100))),
        ])

    static func message(_ priority: Int, node: String, other: String) -> String {
        "priority \(priority) on \(node) is the same as on \(other): the election falls to the higher IP address"
    }

    func check(_ nodes: [NodeCheckContext], _ findings: inout Findings) {
        for paired in nodes.pairedInstances where paired.members.count > 1 {
            var seen: [Int: PairedInstance.Member] = [:]
            for member in paired.members {
                // keepalived's default priority is 100.
                let priority = member.instance.priority ?? 100
                if let earlier = seen[priority] {
                    findings.report(Self.message(priority, node: member.node.label, other: earlier.node.label),
                                    at: member.range("priority"),
                                    notes: [DiagnosticNote(message: "\(earlier.node.label)", range: earlier.range("priority"))])
                } else {
                    seen[priority] = member
                }
            }
        }
    }
}
