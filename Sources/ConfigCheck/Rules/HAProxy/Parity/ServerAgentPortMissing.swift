import ConfigDiagnostics
import HAProxyConfig

/// An agent check without a port to reach the agent on.
struct ServerAgentPortMissing: HAProxyRule {
    static let description = RuleDescription(
        id: "server-agent-port-missing", severity: .error, domain: .haproxy,
        summary: "A server has `agent-check` but no `agent-port`.",
        rationale: """
            An agent check connects to a small agent on the server that reports its state and weight. The \
            agent listens on its own port, which `agent-port` gives (on the server line or `default-server`); \
            HAProxy refuses an agent check without it (\"server does not have agent port\").
            """,
        fix: "Add `agent-port PORT` (and `agent-inter` for how often to ask).",
        triggering: [
            .haproxy("""
                defaults
                    mode http
                    timeout connect 5s
                    timeout client 30s
                    timeout server 30s
                backend app
                    server ↓a 127.0.0.1:8080 check agent-check

                """),
        ],
        nonTriggering: [
            .haproxy("""
                defaults
                    mode http
                    timeout connect 5s
                    timeout client 30s
                    timeout server 30s
                backend app
                    default-server agent-port 9999
                    server a 127.0.0.1:8080 check agent-check agent-inter 5s

                """),
        ])

    func check(_ context: HAProxyCheckContext, _ findings: inout Findings) {
        guard context.vocabulary.uses(option: "agent-check") else { return }
        for proxy in context.proxies {
            for server in proxy.proxy.servers where proxy.flag("agent-check", of: server) && proxy.option("agent-port", of: server) == nil {
                findings.report("server '\(server.name)' has 'agent-check' but no 'agent-port'", at: server.nameRange)
            }
        }
    }
}
