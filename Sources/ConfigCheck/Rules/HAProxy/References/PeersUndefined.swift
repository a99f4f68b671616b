import ConfigDiagnostics
import ConfigGrammar
import HAProxyConfig

/// A `stick-table … peers NAME` naming no peers section.
struct PeersUndefined: HAProxyRule {
    static let description = RuleDescription(
        id: "peers-undefined", severity: .error, domain: .haproxy,
        summary: "A stick table is synchronised through a `peers` section that does not exist.",
        rationale: """
            The `peers NAME` argument of `stick-table` names the `peers` section whose nodes share the table. \
            When no such section exists, haproxy refuses to start ("unable to find sync peers 'NAME'").
            """,
        fix: "Correct the name, or declare the `peers` section.",
        triggering: [
            .haproxy("""
                global
                    localpeer lb1
                peers mesh
                    peer lb1 10.0.0.1:10000
                backend app
                    stick-table type ip size 200k expire 10m peers ↓mesh2
                    stick on src
                    server a 127.0.0.1:8080

                """),
        ],
        nonTriggering: [
            .haproxy("""
                global
                    localpeer lb1
                peers mesh
                    peer lb1 10.0.0.1:10000
                backend app
                    stick-table type ip size 200k expire 10m peers mesh
                    stick on src
                    server a 127.0.0.1:8080

                """),
        ])

    static func message(_ name: String) -> String { "no peers section named '\(name)'" }

    func check(_ context: HAProxyCheckContext, _ findings: inout Findings) {
        let sections = context.configuration.peers.map(\.name)
        for proxy in context.configuration.proxies {
            for line in proxy.directives("stick-table") {
                guard let peers = StickTableSpec(stickTable: line, proxy: "").peers, !sections.contains(peers.text) else { continue }
                var fixIts: [FixIt] = []
                if let suggestion = Suggestion.closest(to: peers.text, in: sections) {
                    fixIts.append(FixIt(message: "did you mean '\(suggestion)'?", range: peers.range, replacement: suggestion))
                }
                findings.report(Self.message(peers.text), at: peers.range, fixIts: fixIts)
            }
        }
    }
}
