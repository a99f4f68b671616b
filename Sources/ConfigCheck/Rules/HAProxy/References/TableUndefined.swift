import ConfigDiagnostics
import ConfigGrammar
import HAProxyConfig

/// A `table NAME` argument or a fetch's table argument that names no stick table.
struct TableUndefined: HAProxyRule {
    static let description = RuleDescription(
        id: "table-undefined", severity: .error, domain: .haproxy,
        summary: "A `track-scN`, `stick` rule or table fetch names a stick table that does not exist.",
        rationale: """
            A stick table is named after the proxy whose `stick-table` line declares it, or `PEERS/NAME` for a \
            `table` line of a peers section. `track-sc0 src table NAME`, `stick on src table NAME`, \
            `sc_http_req_rate(0,NAME)`, `src_conn_cur(NAME)` and converters such as `table_gpc0(NAME)` must name \
            one; otherwise haproxy refuses to start ("unable to find table 'NAME'").
            """,
        fix: "Correct the name, or declare a `stick-table` in a backend of that name.",
        triggering: [
            .haproxy("""
                frontend web
                    mode http
                    bind :80
                    http-request track-sc0 src table ↓per_ipp
                    http-request deny if { sc_http_req_rate(0,↓per_ipp) gt 100 }
                    default_backend app
                backend app
                    mode http
                    server a 127.0.0.1:8080
                backend per_ip
                    stick-table type ip size 100k expire 60s store http_req_rate(10s)

                """),
        ],
        nonTriggering: [
            .haproxy("""
                global
                    localpeer lb1
                peers mesh
                    peer lb1 127.0.0.1:10000
                    table conns type ip size 100k expire 60s store conn_cur
                frontend web
                    mode http
                    bind :80
                    http-request track-sc0 src table per_ip
                    http-request track-sc1 src table mesh/conns
                    http-request deny if { sc_http_req_rate(0,per_ip) gt 100 }
                    default_backend app
                backend app
                    mode http
                    server a 127.0.0.1:8080
                backend per_ip
                    stick-table type ip size 100k expire 60s store http_req_rate(10s)

                """),
        ])

    static func message(_ reference: TableReference, _ name: String) -> String {
        "no stick table named '\(name)' (used by '\(reference.user)')"
    }

    func check(_ context: HAProxyCheckContext, _ findings: inout Findings) {
        let tables = StickTableSpec.index(context.configuration)
        for proxy in context.configuration.proxies {
            for reference in context.tableReferences(of: proxy) {
                guard let name = reference.name, tables[name] == nil else { continue }
                var fixIts: [FixIt] = []
                if let suggestion = Suggestion.closest(to: name, in: tables.keys) {
                    fixIts.append(FixIt(message: "did you mean '\(suggestion)'?", range: reference.range,
                                        replacement: suggestion))
                }
                findings.report(Self.message(reference, name), at: reference.range, fixIts: fixIts)
            }
        }
    }
}
