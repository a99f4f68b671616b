import ConfigDiagnostics
import KeepalivedConfig

/// A VRRP instance whose VRID, virtual addresses, authentication or
/// advertisement interval differ between nodes.
struct VRRPPairMismatch: PairRule {
    static let description = RuleDescription(
        id: "vrrp-pair-mismatch", severity: .error, domain: .pair,
        summary: "The nodes of a VRRP instance disagree on its VRID, virtual addresses, authentication or advert_int.",
        rationale: """
            The nodes of an instance recognise each other's advertisements by virtual router id, and keepalived \
            drops an advertisement whose authentication, interval or address list differs from its own. Either \
            way each node believes it is alone and becomes MASTER: both hold the virtual address at once \
            (split brain), or, with different addresses, a failover moves the wrong ones.
            """,
        fix: "Give the instance the same virtual_router_id, virtual_ipaddress, authentication and advert_int on every node.",
        triggering: [
            .pair(a: (haproxy: PairExamples.haproxy, keepalived: PairExamples.instance(state: "MASTER", priority: 101)),
                  b: (haproxy: PairExamples.haproxy,
                      keepalived: PairExamples.instance(state: "BACKUP", priority: 100, vrid: "↓52"))),
        ],
        nonTriggering: [
            .pair(a: (haproxy: PairExamples.haproxy, keepalived: PairExamples.instance(state: "MASTER", priority: 101)),
                  b: (haproxy: PairExamples.haproxy, keepalived: PairExamples.instance(state: "BACKUP", priority: 100))),
        ])

    static func message(_ what: String, node: String, value: String, reference: String, referenceValue: String) -> String {
        "\(what) is \(value) on \(node) but \(referenceValue) on \(reference)"
    }

    func check(_ nodes: [NodeCheckContext], _ findings: inout Findings) {
        for paired in nodes.pairedInstances where paired.members.count > 1 {
            let first = paired.members[0]
            for member in paired.members.dropFirst() {
                for (what, keyword, value) in Self.properties {
                    let expected = value(first.instance), actual = value(member.instance)
                    guard expected != actual else { continue }
                    findings.report(
                        Self.message(what, node: member.node.label, value: actual, reference: first.node.label,
                                     referenceValue: expected),
                        at: member.range(keyword),
                        notes: [DiagnosticNote(message: "\(first.node.label) has \(expected)", range: first.range(keyword))])
                }
            }
        }
    }

    /// What must agree: a label, the keyword to point at, and the value as text.
    static let properties: [(String, String, @Sendable (VRRPInstance) -> String)] = [
        ("virtual_router_id", "virtual_router_id", { $0.virtualRouterID.map(String.init) ?? "unset" }),
        ("virtual_ipaddress", "virtual_ipaddress", { instance in
            let addresses = instance.virtualAddresses.map { $0.address + ($0.prefixLength.map { "/\($0)" } ?? "") }.sorted()
            return addresses.isEmpty ? "empty" : addresses.joined(separator: " ")
        }),
        ("authentication", "authentication", { instance in
            guard let auth = instance.authentication else { return "none" }
            return "\(auth.type ?? "unset") with password '\(auth.password ?? "")'"
        }),
        ("advert_int", "advert_int", { $0.advertInterval.map { "\($0)s" } ?? "1s (default)" }),
    ]
}
