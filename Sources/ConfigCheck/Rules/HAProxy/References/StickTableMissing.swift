import ConfigDiagnostics
import HAProxyConfig

/// A rule or fetch that needs its proxy's own stick table in a proxy that has none.
struct StickTableMissing: HAProxyRule {
    static let description = RuleDescription(
        id: "stick-table-missing", severity: .error, domain: .haproxy,
        summary: "`stick on`, `track-scN` or a `src_*` fetch without `table` in a proxy that has no `stick-table`.",
        rationale: """
            Without a `table` argument, `stick on`/`stick match`/`stick store-request`/`stick store-response`, \
            `track-scN` and fetches such as `src_conn_cur` use the stick table of the proxy they are written in. \
            When that proxy has no `stick-table` line, haproxy refuses to start ("unable to find stick-table" / \
            "unable to find table 'NAME' referenced by track-sc0"). `stick` rules in a frontend are ignored \
            with a warning instead, and are not reported here.
            """,
        fix: "Add a `stick-table` line to the proxy, or name another proxy's table with `table NAME`.",
        triggering: [
            .haproxy("""
                backend app
                    ↓stick on src
                    server a 127.0.0.1:8080

                """),
            .haproxy("""
                frontend web
                    mode http
                    bind :80
                    http-request ↓track-sc0 src
                    default_backend app
                backend app
                    mode http
                    server a 127.0.0.1:8080

                """),
        ],
        nonTriggering: [
            .haproxy("""
                backend app
                    stick-table type ip size 200k expire 30m
                    stick on src
                    server a 127.0.0.1:8080

                """),
        ])

    static func message(_ reference: TableReference, _ proxy: String) -> String {
        "'\(reference.user)' uses the stick table of '\(proxy)', which has no stick-table line"
    }

    func check(_ context: HAProxyCheckContext, _ findings: inout Findings) {
        for proxy in context.configuration.proxies where proxy.directives("stick-table").isEmpty {
            for reference in context.tableReferences(of: proxy) where reference.name == nil {
                findings.report(Self.message(reference, proxy.name ?? proxy.kind.rawValue), at: reference.range)
            }
        }
    }
}
