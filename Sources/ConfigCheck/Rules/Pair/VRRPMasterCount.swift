import ConfigDiagnostics

/// A VRRP instance where not exactly one node starts as MASTER.
struct VRRPMasterCount: PairRule {
    static let description = RuleDescription(
        id: "vrrp-master-count", severity: .warning, domain: .pair,
        summary: "Not exactly one node of a VRRP instance starts in state MASTER.",
        rationale: """
            'state' is the role a node takes at start-up before the first election. Two nodes starting as \
            MASTER both claim the virtual address until advertisements settle it; none starting as MASTER \
            delays the address by the master-down interval. The one exception is the nopreempt pattern, \
            where every node starts as BACKUP on purpose.
            """,
        fix: "Set 'state MASTER' on the node with the highest priority and 'state BACKUP' on the others.",
        triggering: [
            .pair(a: (haproxy: PairExamples.haproxy, keepalived: PairExamples.instance(state: "MASTER", priority: 101)),
                  b: (haproxy: PairExamples.haproxy, keepalived: PairExamples.instance(state: "↓MASTER", priority: 100))),
        ],
        nonTriggering: [
            .pair(a: (haproxy: PairExamples.haproxy, keepalived: PairExamples.instance(state: "MASTER", priority: 101)),
                  b: (haproxy: PairExamples.haproxy, keepalived: PairExamples.instance(state: "BACKUP", priority: 100))),
            .pair(a: (haproxy: PairExamples.haproxy,
                      keepalived: PairExamples.instance(state: "BACKUP", priority: 101, nopreempt: true)),
                  b: (haproxy: PairExamples.haproxy,
                      keepalived: PairExamples.instance(state: "BACKUP", priority: 100, nopreempt: true))),
        ])

    static func tooMany(_ node: String, first: String) -> String {
        "\(node) also starts as MASTER (so does \(first)): both claim the virtual address until the first election"
    }

    static func none(_ instance: String) -> String {
        "no node starts VRRP instance '\(instance)' as MASTER and preemption is on"
    }

    func check(_ nodes: [NodeCheckContext], _ findings: inout Findings) {
        for paired in nodes.pairedInstances where paired.members.count > 1 {
            let masters = paired.members.filter { $0.instance.state?.uppercased() == "MASTER" }
            if let first = masters.first {
                for member in masters.dropFirst() {
                    findings.report(Self.tooMany(member.node.label, first: first.node.label), at: member.range("state"),
                                    notes: [DiagnosticNote(message: first.node.label, range: first.range("state"))])
                }
            } else if !paired.members.allSatisfy(\.instance.noPreempt) {
                let first = paired.members[0]
                findings.report(Self.none(paired.name), at: first.context.nameRange(first.instance.location))
            }
        }
    }
}
