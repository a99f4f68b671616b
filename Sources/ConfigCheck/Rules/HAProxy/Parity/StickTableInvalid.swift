import ConfigDiagnostics
import HAProxyConfig

/// A `stick-table` (or peers `table`) line HAProxy refuses.
struct StickTableInvalid: HAProxyRule {
    static let description = RuleDescription(
        id: "stick-table-invalid", severity: .error, domain: .haproxy,
        summary: "A `stick-table` line has an unknown word, type or stored data type, a bad size or expiry, or lacks `type` or `size`.",
        rationale: """
            HAProxy reads a stick table's settings word by word and refuses the configuration at the first one \
            it cannot use: `type` must be `ip`, `ipv6`, `integer`, `string` or `binary` (the last two with an \
            optional `len N`), `size` a number with an optional `k`, `m` or `g`, `expire` a time, and every \
            `store` entry a data type it knows (`conn_cur`, `http_req_rate(10s)`, `gpc(3)`…), with the period a \
            rate needs and no argument where a counter takes none. A table without `type` or `size` is refused \
            too. The same holds for the `table` lines of a `peers` section.
            """,
        fix: "Correct the word HAProxy refuses; `haproxy -c` names the same one.",
        triggering: [
            .haproxy("""
                defaults
                    mode http
                    timeout connect 5s
                    timeout client 30s
                    timeout server 30s
                frontend web
                    bind :80
                    stick-table type ip size 100k expire ↓10x
                    http-request track-sc0 src
                    default_backend app
                backend app
                    stick-table type ↓ipv4 size 1m
                    server a 127.0.0.1:8080
                backend rates
                    stick-table type ip size 1m store ↓http_req_rate,conn_cur
                backend counters
                    stick-table type ip size 1m store ↓conn_cur,bogus
                backend per_user
                    ↓stick-table type string len 64 expire 30m

                """),
        ],
        nonTriggering: [
            .haproxy("""
                defaults
                    mode http
                    timeout connect 5s
                    timeout client 30s
                    timeout server 30s
                frontend web
                    bind :80
                    stick-table type ip size 100k expire 60s store http_req_rate(10s),conn_cur,gpc(2),gpc_rate(2,1m)
                    http-request track-sc0 src
                    default_backend app
                backend app
                    stick-table type string len 64 size 1m expire 30m nopurge store server_id
                    server a 127.0.0.1:8080

                """),
        ])

    func check(_ context: HAProxyCheckContext, _ findings: inout Findings) {
        guard context.vocabulary.uses(keyword: "stick-table") || context.vocabulary.uses(keyword: "table") else { return }
        for table in StickTableSpec.all(in: context.configuration) {
            for problem in table.problems { findings.report(problem.message, at: problem.range) }
        }
    }
}
