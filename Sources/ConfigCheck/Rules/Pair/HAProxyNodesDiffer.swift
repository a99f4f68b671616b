import ConfigDiagnostics
import Foundation
import HAProxyConfig

/// A haproxy.cfg line that one node has and another does not, beyond what
/// must differ between nodes.
struct HAProxyNodesDiffer: PairRule {
    static let description = RuleDescription(
        id: "haproxy-nodes-differ", severity: .warning, domain: .pair,
        summary: "The nodes' haproxy.cfg differ in more than what must differ between nodes.",
        rationale: """
            After a failover the standby serves the same traffic, so it must route, limit and check exactly \
            like the master. Only node identity may differ: 'node', 'localpeer', 'description', \
            'stats show-node', 'hash-key' and 'log-send-hostname'. Any other difference is a change applied to \
            one node and forgotten on the other.
            """,
        fix: "Apply the change to every node, or generate both files from one YAML with 'weir convert'.",
        triggering: [
            .pair(a: (haproxy: PairExamples.haproxy, keepalived: PairExamples.instance(state: "MASTER", priority: 101)),
                  b: (haproxy: PairExamples.haproxy.replacingOccurrences(of: "    timeout server 30s",
                                                                          with: "    ↓timeout server 60s"),
                      keepalived: PairExamples.instance(state: "BACKUP", priority: 100))),
        ],
        nonTriggering: [
            .pair(a: (haproxy: "global\n    node lb1\n" + PairExamples.haproxy,
                      keepalived: PairExamples.instance(state: "MASTER", priority: 101)),
                  b: (haproxy: "global\n    node lb2\n" + PairExamples.haproxy,
                      keepalived: PairExamples.instance(state: "BACKUP", priority: 100))),
        ])

    /// Keywords that name the node and may differ.
    static let nodeSpecific: Set<String> = ["node", "localpeer", "description", "stats show-node", "hash-key",
                                            "log-send-hostname"]
    /// The first words of those keywords: only lines starting with one need the keyword looked up.
    static let nodeSpecificFirstWords = Set(nodeSpecific.map { String($0.prefix { $0 != " " }) })
    /// More differences than this are reported as one finding.
    static let limit = 50

    static func missing(on node: String) -> String { "this line is not in the haproxy.cfg of \(node)" }
    static func tooMany(_ node: String, reference: String) -> String {
        "the haproxy.cfg of \(node) differs from that of \(reference) in more than \(limit) lines"
    }

    /// A statement compared by its section and words.
    /// A line as compared: its section's header and its own text (empty for the header itself).
    struct Line: Equatable {
        var header: String
        var text: String
        var range: SourceRange
        static func == (lhs: Line, rhs: Line) -> Bool { lhs.text == rhs.text && lhs.header == rhs.header }
    }

    func check(_ nodes: [NodeCheckContext], _ findings: inout Findings) {
        // Each node's lines are gathered side by side: on large configurations that is most of the work.
        let gathered = ConcurrentSlots<[Line]?>(count: nodes.count)
        DispatchQueue.concurrentPerform(iterations: nodes.count) { index in
            gathered.store(nodes[index].haproxy.map(Self.lines), at: index)
        }
        let linesByNode = gathered.values
        guard let first = nodes.first, let reference = linesByNode.first ?? nil else { return }
        for (node, lines) in zip(nodes, linesByNode).dropFirst() {
            guard let lines else { continue }
            guard let script = UnifiedDiff.editScript(reference, lines, limit: Self.limit) else {
                if let start = lines.first?.range { findings.report(Self.tooMany(node.label, reference: first.label), at: start) }
                continue
            }
            var i = 0, j = 0
            var deleted: [Line] = [], inserted: [Line] = []
            for edit in script + [.keep] {
                switch edit {
                case .delete: deleted.append(reference[i]); i += 1
                case .insert: inserted.append(lines[j]); j += 1
                case .keep:
                    report(deleted: deleted, inserted: inserted, node: node, reference: first, &findings)
                    deleted = []
                    inserted = []
                    i += 1
                    j += 1
                }
            }
        }
    }

    /// Reports one change: each line of the node where the reference has
    /// another (with a note at the reference's line), or a line missing on one side.
    private func report(deleted: [Line], inserted: [Line], node: NodeCheckContext, reference: NodeCheckContext,
                        _ findings: inout Findings) {
        for index in 0..<max(deleted.count, inserted.count) {
            if index < inserted.count {
                let notes = index < deleted.count
                    ? [DiagnosticNote(message: "\(reference.label) has this instead", range: deleted[index].range)] : []
                findings.report(Self.missing(on: reference.label), at: inserted[index].range, notes: notes)
            } else {
                findings.report(Self.missing(on: node.label), at: deleted[index].range)
            }
        }
    }

    /// The statements of a configuration as comparable lines, node-specific ones left out.
    static func lines(_ context: HAProxyCheckContext) -> [Line] {
        let registry = KeywordRegistry.standard
        var lines: [Line] = []
        for section in context.syntax.sections where section.kind != "peers" {
            let header = section.header.words.map(\.text).joined(separator: " ")
            lines.append(Line(header: header, text: "", range: context.syntax.range(of: section.header)))
            for statement in section.statements {
                if nodeSpecificFirstWords.contains(statement.keyword),
                   nodeSpecific.contains(registry.lookup(statement.words).map(\.name) ?? statement.keyword) { continue }
                let text = (statement.modifier.map { $0.rawValue + " " } ?? "") + statement.words.map(\.text).joined(separator: " ")
                lines.append(Line(header: header, text: text, range: context.syntax.range(of: statement)))
            }
        }
        return lines
    }
}
