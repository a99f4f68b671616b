import ConfigDiagnostics
import HAProxyConfig

/// A node that its own `peers` section does not list.
struct PeersNodeMissing: PairRule {
    static let description = RuleDescription(
        id: "peers-node-missing", severity: .warning, domain: .pair,
        summary: "A node of the cluster is not a peer in its peers section.",
        rationale: """
            HAProxy finds its own entry in a peers section by its local peer name: the host name, unless \
            'localpeer' or 'haproxy -L' sets another. A node that is not listed does not listen for its peers \
            and its tables are never synchronised. weir takes the --node names as the nodes' host names.
            """,
        fix: "Name each node's peer line after its host name (or set 'localpeer' in its global section).",
        triggering: [
            .pair(a: (haproxy: PairExamples.peers(["a 10.0.0.11:1024", "b 10.0.0.12:1024"])
                      .replacingOccurrences(of: "peers mirror\n    peer", with: "peers ↓mirror\n    peer")
                      .replacingOccurrences(of: "peer a ", with: "peer lb1 ").replacingOccurrences(of: "peer b ", with: "peer lb2 "),
                      keepalived: PairExamples.instance(state: "MASTER", priority: 101)),
                  b: (haproxy: PairExamples.peers(["lb1 10.0.0.11:1024", "lb2 10.0.0.12:1024"])
                      .replacingOccurrences(of: "peers mirror\n    peer", with: "peers ↓mirror\n    peer"),
                      keepalived: PairExamples.instance(state: "BACKUP", priority: 100))),
        ],
        nonTriggering: [
            .pair(a: (haproxy: PairExamples.peers(["a 10.0.0.11:1024", "b 10.0.0.12:1024"]),
                      keepalived: PairExamples.instance(state: "MASTER", priority: 101)),
                  b: (haproxy: PairExamples.peers(["a 10.0.0.11:1024", "b 10.0.0.12:1024"]),
                      keepalived: PairExamples.instance(state: "BACKUP", priority: 100))),
        ])

    static func message(_ section: String, node: String, localName: String) -> String {
        "peers section '\(section)' has no peer named '\(localName)', the local peer name of \(node)"
    }

    func check(_ nodes: [NodeCheckContext], _ findings: inout Findings) {
        for node in nodes {
            guard let haproxy = node.haproxy, let nodeName = node.name else { continue }
            let localName = haproxy.configuration.global?.directives.last { $0.keyword == "localpeer" }?.arguments.first
                ?? nodeName
            for section in haproxy.configuration.peers where !section.peers.contains(where: { $0.name == localName }) {
                let header = haproxy.syntax.sections.first { $0.kind == "peers" && $0.name == section.name }?.header
                let range = header.flatMap { $0.words.count > 1 ? haproxy.syntax.range(of: $0.words[1], in: $0.file) : nil }
                    ?? section.range
                findings.report(Self.message(section.name, node: node.label, localName: localName), at: range)
            }
        }
    }
}
