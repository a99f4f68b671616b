import ConfigDiagnostics

/// A VRRP instance that only some of the nodes define.
struct VRRPInstanceUnpaired: PairRule {
    static let description = RuleDescription(
        id: "vrrp-instance-unpaired", severity: .warning, domain: .pair,
        summary: "A VRRP instance exists on some nodes but not on the others.",
        rationale: """
            A virtual address is only highly available when another node runs the same instance to take it \
            over. An instance that exists on one node alone (often a renamed instance) has no standby.
            """,
        fix: "Define the instance, with the same name and VRID, on every node of the cluster.",
        triggering: [
            .pair(a: (haproxy: PairExamples.haproxy, keepalived: PairExamples.instance(state: "MASTER", priority: 101)
                      .replacingOccurrences(of: "vrrp_instance VI_1", with: "vrrp_instance ↓VI_1")),
                  b: (haproxy: PairExamples.haproxy,
                      keepalived: PairExamples.instance(state: "BACKUP", priority: 100)
                      .replacingOccurrences(of: "vrrp_instance VI_1", with: "vrrp_instance ↓VI_2"))),
        ],
        nonTriggering: [
            .pair(a: (haproxy: PairExamples.haproxy, keepalived: PairExamples.instance(state: "MASTER", priority: 101)),
                  b: (haproxy: PairExamples.haproxy, keepalived: PairExamples.instance(state: "BACKUP", priority: 100))),
        ])

    static func message(_ instance: String, missing: [String]) -> String {
        "VRRP instance '\(instance)' is not defined on \(missing.joined(separator: ", "))"
    }

    func check(_ nodes: [NodeCheckContext], _ findings: inout Findings) {
        let withKeepalived = nodes.filter { !$0.keepalived.isEmpty }
        guard withKeepalived.count > 1 else { return }
        for paired in nodes.pairedInstances {
            let present = Set(paired.members.map(\.node.label))
            let missing = withKeepalived.map(\.label).filter { !present.contains($0) }
            guard !missing.isEmpty else { continue }
            for member in paired.members {
                findings.report(Self.message(paired.name, missing: missing),
                                at: member.context.nameRange(member.instance.location))
            }
        }
    }
}
