import ConfigDiagnostics
import HAProxyConfig

/// Two servers with the same name in one backend.
struct ServerDuplicate: HAProxyRule {
    static let description = RuleDescription(
        id: "server-duplicate", severity: .error, domain: .haproxy,
        summary: "Two `server` lines of one backend share a name.",
        rationale: """
            A server's name identifies it on the stats page, in logs, in `track`, `use-server` and the runtime \
            API, so it must be unique within its backend. haproxy refuses to start: "another server named \
            'NAME' was already defined at line N, please use distinct names".
            """,
        fix: "Rename one of the servers.",
        triggering: [
            .haproxy("""
                backend app
                    server web1 10.0.0.1:80
                    server ↓web1 10.0.0.2:80

                """),
        ],
        nonTriggering: [
            .haproxy("""
                backend app
                    server web1 10.0.0.1:80
                    server web2 10.0.0.2:80
                backend other
                    server web1 10.0.0.3:80

                """),
        ])

    static func message(_ name: String, _ line: Int) -> String {
        "another server named '\(name)' is defined at line \(line)"
    }

    func check(_ context: HAProxyCheckContext, _ findings: inout Findings) {
        for proxy in context.configuration.proxies {
            var seen: [String: SourceRange] = [:]
            for server in proxy.servers where !server.name.isEmpty {
                if let first = seen[server.name] {
                    findings.report(Self.message(server.name, first.start.line), at: server.nameRange,
                                    notes: [DiagnosticNote(message: "first defined here", range: first)])
                } else {
                    seen[server.name] = server.nameRange
                }
            }
        }
    }
}
