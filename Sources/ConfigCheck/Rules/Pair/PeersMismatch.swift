import ConfigDiagnostics
import HAProxyConfig

/// A `peers` section whose peers differ between nodes.
struct PeersMismatch: PairRule {
    static let description = RuleDescription(
        id: "peers-mismatch", severity: .warning, domain: .pair,
        summary: "A peers section lists different peers on different nodes.",
        rationale: """
            Stick tables are synchronised between the peers each node lists. When one node lists a peer under \
            another name or address, the connection is refused or goes nowhere, and after a failover the \
            standby starts with empty tables: sessions lose their server and rate limits reset.
            """,
        fix: "Use the same peers section, with the same names and addresses, on every node.",
        triggering: [
            .pair(a: (haproxy: PairExamples.peers(["lb1 10.0.0.11:1024", "lb2 10.0.0.12:1024"]),
                      keepalived: PairExamples.instance(state: "MASTER", priority: 101)),
                  b: (haproxy: PairExamples.peers(["lb1 10.0.0.11:1024", "↓lb2 10.0.0.22:1024"]),
                      keepalived: PairExamples.instance(state: "BACKUP", priority: 100))),
        ],
        nonTriggering: [
            .pair(a: (haproxy: PairExamples.peers(["lb1 10.0.0.11:1024", "lb2 10.0.0.12:1024"]),
                      keepalived: PairExamples.instance(state: "MASTER", priority: 101)),
                  b: (haproxy: PairExamples.peers(["lb1 10.0.0.11:1024", "lb2 10.0.0.12:1024"]),
                      keepalived: PairExamples.instance(state: "BACKUP", priority: 100))),
        ])

    static func extra(_ peer: String, section: String, node: String) -> String {
        "peer '\(peer)' of peers section '\(section)' is not listed so on \(node)"
    }

    func check(_ nodes: [NodeCheckContext], _ findings: inout Findings) {
        guard let first = nodes.first, let reference = first.haproxy?.configuration.peers else { return }
        for node in nodes.dropFirst() {
            for section in node.haproxy?.configuration.peers ?? [] {
                guard let expected = reference.first(where: { $0.name == section.name }) else { continue }
                let expectedKeys = Set(expected.peers.map(Self.key))
                let actualKeys = Set(section.peers.map(Self.key))
                for peer in section.peers where !expectedKeys.contains(Self.key(peer)) {
                    findings.report(Self.extra(peer.name, section: section.name, node: first.label), at: peer.nameRange,
                                    notes: expected.peers.filter { $0.name == peer.name }
                                        .map { DiagnosticNote(message: "\(first.label) has", range: $0.range) })
                }
                for peer in expected.peers where !actualKeys.contains(Self.key(peer))
                    && !section.peers.contains(where: { $0.name == peer.name }) {
                    findings.report(Self.extra(peer.name, section: section.name, node: node.label), at: peer.nameRange)
                }
            }
        }
    }

    /// A peer as name and address.
    static func key(_ peer: PeersSection.Peer) -> String {
        guard let address = peer.address else { return peer.name }
        return peer.name + " " + address.host + ":" + (address.port.map { "\($0)" } ?? "")
    }
}
