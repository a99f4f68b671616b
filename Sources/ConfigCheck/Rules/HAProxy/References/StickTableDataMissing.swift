import ConfigDiagnostics
import HAProxyConfig

/// A fetch of a data type that the stick table it reads does not store.
struct StickTableDataMissing: HAProxyRule {
    static let description = RuleDescription(
        id: "stick-table-data-missing", severity: .warning, domain: .haproxy,
        summary: "A fetch reads a data type (`http_req_rate`, `conn_cur`, `gpc0`…) that its stick table does not `store`.",
        rationale: """
            A stick table keeps only the data types listed after `store`. A fetch of another type \
            (`sc_http_req_rate(0)` on a table that stores only `conn_cur`, `src_get_gpc0` on a table without \
            `gpc0`) finds no such field in the entry and returns nothing, so the condition that tests it never \
            matches and the limit never applies. HAProxy accepts this silently. For `sc*` fetches the table is \
            the one named by the `track-scN` rule (its `table` argument, else the tracking proxy's own table).
            """,
        fix: "Add the data type to the table's `store` list (rates need a period: `http_req_rate(10s)`).",
        triggering: [
            .haproxy("""
                frontend web
                    mode http
                    bind :80
                    stick-table type ip size 100k expire 60s store conn_cur
                    http-request track-sc0 src
                    http-request deny deny_status 429 if { ↓sc_http_req_rate(0) gt 100 }
                    default_backend app
                backend app
                    mode http
                    server a 127.0.0.1:8080

                """),
            .haproxy("""
                frontend web
                    mode tcp
                    bind :80
                    tcp-request connection reject if { ↓src_get_gpc0(abuse) gt 0 }
                    default_backend app
                backend app
                    server a 127.0.0.1:8080
                backend abuse
                    stick-table type ip size 100k expire 60s store gpc0_rate(1m)

                """),
        ],
        nonTriggering: [
            .haproxy("""
                frontend web
                    mode http
                    bind :80
                    stick-table type ip size 100k expire 60s store http_req_rate(10s),conn_cur
                    http-request track-sc0 src
                    http-request deny deny_status 429 if { sc_http_req_rate(0) gt 100 }
                    http-request deny deny_status 429 if { sc_conn_cur(0) gt 20 }
                    default_backend app
                backend app
                    mode http
                    server a 127.0.0.1:8080

                """),
        ])

    static func message(_ fetch: TableFetch, _ table: String, _ dataType: String) -> String {
        "table '\(table)' does not store \(dataType), so '\(fetch.name)' never returns a value"
    }

    func check(_ context: HAProxyCheckContext, _ findings: inout Findings) {
        let tables = StickTableSpec.index(context.configuration)
        let uses = context.tableUses
        let frontendTracks = uses.filter { $0.proxy.proxy.kind != .backend }.flatMap { use in
            use.tracks.map { (counter: $0.counter, table: use.tableName(of: $0)) }
        }
        for use in uses {
            for fetchUse in use.uses {
                let fetch = fetchUse.fetch
                guard let dataType = fetch.dataType else { continue }
                var candidates: [String?] = []
                if let table = fetch.table {
                    candidates = [table]
                } else if let counter = fetch.counter {
                    candidates = use.tracks.filter { $0.counter == counter }.map { use.tableName(of: $0) }
                    if use.proxy.proxy.kind == .backend || fetchUse.points.contains(where: { $0.phase == .response }) {
                        candidates += frontendTracks.filter { $0.counter == counter }.map(\.table)
                    }
                } else {
                    candidates = [use.proxy.proxy.name]
                }
                // Unknown tables belong to table-undefined and stick-table-missing.
                let resolved = candidates.compactMap { $0.flatMap { tables[$0] } }
                guard !resolved.isEmpty, resolved.count == candidates.count,
                      !resolved.contains(where: { $0.stores(dataType, updating: fetch.updating) }) else { continue }
                let table = resolved[0]
                findings.report(Self.message(fetch, table.name, dataType), at: fetch.range,
                                notes: [DiagnosticNote(message: "what table '\(table.name)' stores", range: table.storeRange)])
            }
        }
    }
}
