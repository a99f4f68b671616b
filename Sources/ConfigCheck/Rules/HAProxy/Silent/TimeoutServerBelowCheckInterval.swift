import ConfigDiagnostics
import HAProxyConfig

/// `timeout server` shorter than a server's check interval.
struct TimeoutServerBelowCheckInterval: HAProxyRule {
    static let description = RuleDescription(
        id: "timeout-server-below-check-interval", severity: .warning, domain: .haproxy,
        summary: "`timeout server` is shorter than a server's health-check interval (`inter`).",
        rationale: """
            When a server hangs, requests to it fail after `timeout server`, but HAProxy keeps sending it \
            traffic until `fall` checks have failed, one every `inter` (and without `timeout check` a check \
            itself may wait up to `inter` for its answer). With a check interval longer than the server timeout, \
            several rounds of requests time out against a dead server before it is taken out of rotation, and the \
            health checks notice the failure later than the clients do. HAProxy accepts it silently. Reported once \
            per backend, at its first such server.
            """,
        fix: "Shorten `inter` (or set `fastinter`) below `timeout server`, or raise `timeout server`.",
        triggering: [
            .haproxy("""
                backend app
                    timeout connect 5s
                    timeout server 5s
                    server web1 10.0.0.1:80 check ↓inter 30s

                """),
        ],
        nonTriggering: [
            .haproxy("""
                backend app
                    timeout connect 5s
                    timeout server 30s
                    server web1 10.0.0.1:80 check inter 5s
                    server web2 10.0.0.2:80 check

                """),
        ])

    static func message(_ inter: Duration, _ server: Duration) -> String {
        "checks run every \(inter) but requests time out after \(server) (timeout server): "
            + "clients see a dead server fail before its checks do"
    }

    func check(_ context: HAProxyCheckContext, _ findings: inout Findings) {
        for proxy in context.backends {
            guard let timeout = proxy.timeout("server"), timeout.microseconds > 0 else { continue }
            var first: (server: Server, inter: Duration)?
            var slowCount = 0
            for server in proxy.proxy.servers where proxy.flag("check", of: server) {
                let inter = CheckTiming.inter(of: server, in: proxy)
                guard inter > timeout else { continue }
                slowCount += 1
                if first == nil { first = (server, inter) }
            }
            guard let (server, inter) = first else { continue }
            let range = server.options.last { $0.name == "inter" }?.range ?? server.nameRange
            let notes = slowCount > 1
                ? [DiagnosticNote(message: "\(slowCount - 1) more servers of '\(proxy.name)' check less often than that")] : []
            findings.report(Self.message(inter, timeout), at: range, notes: notes)
        }
    }
}
