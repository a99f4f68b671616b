import ConfigDiagnostics
import HAProxyConfig

/// A server that both runs its own health checks and tracks another server's.
struct ServerTrackWithCheck: HAProxyRule {
    static let description = RuleDescription(
        id: "server-track-with-check", severity: .error, domain: .haproxy,
        summary: "A server has both `check` and `track`.",
        rationale: """
            `track [BACKEND/]SERVER` makes a server take its state from another server's health checks; `check` \
            makes it run its own. HAProxy refuses a server with both (\"unable to enable checks and tracking at \
            the same time!\"), including when `check` comes from `default-server`.
            """,
        fix: "Keep `track` and remove `check` (or `no-check` it when `default-server` sets it), or the reverse.",
        triggering: [
            .haproxy("""
                defaults
                    mode http
                    timeout connect 5s
                    timeout client 30s
                    timeout server 30s
                backend app
                    server a1 127.0.0.1:8080 check
                backend app_admin
                    server ↓a1 127.0.0.1:8080 track app/a1 check

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
                    default-server check
                    server a1 127.0.0.1:8080
                backend app_admin
                    default-server check
                    server a1 127.0.0.1:8080 track app/a1 no-check

                """),
        ])

    static func message(_ server: String) -> String {
        "server '\(server)' has both 'check' and 'track': HAProxy cannot run checks and track another server at once"
    }

    func check(_ context: HAProxyCheckContext, _ findings: inout Findings) {
        guard context.vocabulary.uses(option: "track") else { return }
        for proxy in context.proxies {
            for server in proxy.proxy.servers where proxy.option("track", of: server) != nil && proxy.flag("check", of: server) {
                findings.report(Self.message(server.name), at: server.nameRange)
            }
        }
    }
}
