import ConfigDiagnostics
import HAProxyConfig

/// Two servers of one backend with the same name.
struct ServerNameDuplicate: HAProxyRule {
    static let description = RuleDescription(
        id: "server-name-duplicate", severity: .error, domain: .haproxy,
        summary: "Two servers of the same backend share a name.",
        rationale: """
            A server is addressed by `backend/server` in the stats page, the runtime API, logs and fetches such \
            as srv_is_up, so the name must be unique in its backend: HAProxy refuses the configuration ("another \
            server named 'x' was already defined at line N, please use distinct names", an ALERT of haproxy -c). \
            Servers given an explicit `id` are told apart by it and are not concerned.
            """,
        fix: "Give each server its own name.",
        triggering: [
            .haproxy("""
                backend app
                    timeout connect 5s
                    timeout server 30s
                    server app1 10.0.0.1:8080 check
                    server ↓app1 10.0.0.2:8080 check

                """),
        ],
        nonTriggering: [
            .haproxy("""
                backend app
                    timeout connect 5s
                    timeout server 30s
                    server app1 10.0.0.1:8080 check
                    server app2 10.0.0.2:8080 check
                backend other
                    timeout connect 5s
                    timeout server 30s
                    server app1 10.0.0.3:8080 check

                """),
        ])

    static func message(_ server: Server) -> String { "another server is already named '\(server.name)' in this backend" }

    func check(_ context: HAProxyCheckContext, _ findings: inout Findings) {
        for proxy in context.configuration.proxies {
            let servers = proxy.servers
            // A handful of servers are compared pairwise; a table pays for itself only beyond that.
            var seen: [String: Server] = [:]
            for (position, server) in servers.enumerated() where server.option("id") == nil {
                let first: Server?
                if servers.count <= 16 {
                    first = servers[..<position].first { $0.name == server.name && $0.option("id") == nil }
                } else {
                    first = seen[server.name]
                    if first == nil { seen[server.name] = server }
                }
                if let first {
                    findings.report(Self.message(server), at: server.nameRange,
                                    notes: [DiagnosticNote(message: "the first one is here", range: first.nameRange)])
                }
            }
        }
    }
}
