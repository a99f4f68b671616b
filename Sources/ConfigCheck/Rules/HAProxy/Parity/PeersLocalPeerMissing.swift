import ConfigDiagnostics
import HAProxyConfig

/// A peers section that does not name this host.
struct PeersLocalPeerMissing: HAProxyRule {
    static let description = RuleDescription(
        id: "peers-local-peer-missing", severity: .warning, domain: .haproxy,
        summary: "A peers section has no peer named after the local host, so HAProxy drops it.",
        rationale: """
            HAProxy finds itself in a peers section by name: the peer whose name is the global `localpeer`, else \
            the host name (or the -L option). When none matches, it removes the whole section with a WARNING \
            ("Removing incomplete section 'peers ...' (no peer named ...)") and the stick tables that name it \
            are never synchronised, silently: after a failover every session starts again. Weir compares with \
            the name of the machine it runs on, as haproxy -c does, so run it where HAProxy runs or set \
            `localpeer`.
            """,
        fix: "Name one peer exactly like the host (`hostname`), or set `localpeer NAME` in the global section.",
        triggering: [
            .haproxy("""
                peers ↓mesh
                    peer weir-example-node-1 10.0.0.11:10000
                    peer weir-example-node-2 10.0.0.12:10000

                """),
        ],
        nonTriggering: [
            .haproxy("""
                global
                    localpeer weir-example-node-1
                peers mesh
                    peer weir-example-node-1 10.0.0.11:10000
                    peer weir-example-node-2 10.0.0.12:10000

                """),
        ])

    static func message(_ section: String, _ local: String) -> String {
        "peers section '\(section)' has no peer named '\(local)' (this host), so HAProxy removes it"
    }

    func check(_ context: HAProxyCheckContext, _ findings: inout Findings) {
        let configured = context.configuration.global?.directives.last { $0.keyword == "localpeer" }?.arguments.first
        let local = configured ?? context.environment.hostName
        guard !local.isEmpty else { return }
        for section in context.configuration.peers
        where !section.directives.contains(where: { $0.keyword == "disabled" }) && !section.peers.contains(where: { $0.name == local }) {
            let range = context.syntax.sections.first { $0.kind == "peers" && $0.name == section.name }
                .flatMap { $0.header.words.count > 1 ? context.syntax.range(of: $0.header.words[1], in: $0.header.file) : nil }
            findings.report(Self.message(section.name, local), at: range ?? section.range)
        }
    }
}
