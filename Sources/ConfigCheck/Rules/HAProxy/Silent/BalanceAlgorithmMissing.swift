import ConfigDiagnostics
import HAProxyConfig

/// `balance` with no algorithm.
struct BalanceAlgorithmMissing: HAProxyRule {
    static let description = RuleDescription(
        id: "balance-algorithm-missing", severity: .warning, domain: .haproxy,
        summary: "`balance` is given without an algorithm: HAProxy silently uses roundrobin.",
        rationale: """
            HAProxy accepts a bare `balance` line and sets roundrobin, the default, without a word; in a backend \
            this also replaces whatever algorithm its `defaults` chose (`balance leastconn` there becomes \
            roundrobin here). A bare `balance` is nearly always a line whose algorithm was lost in an edit.
            """,
        fix: "Name the algorithm (`balance roundrobin`, `balance leastconn`, `balance source`…), or remove the line to inherit the defaults'.",
        triggering: [
            .haproxy("""
                defaults
                    balance leastconn
                backend app
                    ↓balance
                    server a 127.0.0.1:8080

                """),
        ],
        nonTriggering: [
            .haproxy("""
                defaults
                    balance leastconn
                backend app
                    balance roundrobin
                    server a 127.0.0.1:8080

                """),
        ])

    static let message = "'balance' without an algorithm: HAProxy uses roundrobin"

    func check(_ context: HAProxyCheckContext, _ findings: inout Findings) {
        for proxy in context.allProxies {
            for line in proxy.directives where line.keyword == "balance" && line.arguments.isEmpty && line.modifier == nil {
                findings.report(Self.message, at: line.range)
            }
        }
    }
}
