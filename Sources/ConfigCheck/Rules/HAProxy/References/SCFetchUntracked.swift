import ConfigDiagnostics
import HAProxyConfig

/// A `sc_*`/`scN_*` fetch that runs before any `track-scN` of its counter.
struct SCFetchUntracked: HAProxyRule {
    static let description = RuleDescription(
        id: "sc-fetch-untracked", severity: .warning, domain: .haproxy,
        summary: "A stick-counter fetch reads counter N before any `track-scN` rule has filled it.",
        rationale: """
            `sc_http_req_rate(0)`, `sc0_conn_cur` and the other `sc*` fetches read the entry that a \
            `track-scN` action attached to the stream. Until such a rule has run, the counter is empty and the \
            fetch returns nothing, so a condition such as `{ sc_http_req_rate(0) gt 100 }` never matches and the \
            limit it guards is never applied. HAProxy accepts this silently. Rules run in this order: \
            `tcp-request connection`, `tcp-request session`, `tcp-request content`, `http-request`, then \
            `redirect`/`use_backend`/`stick`/`use-server`, then responses; within one keyword, in file order. \
            A fetch in a named ACL runs where the ACL is used. Counters tracked in a frontend stay attached when \
            the stream reaches its backend, so backends are checked only against the frontends' tracking.
            """,
        fix: "Move the `track-scN` rule before the rule that reads the counter, or read the counter that is tracked.",
        triggering: [
            .haproxy("""
                frontend web
                    mode http
                    bind :80
                    stick-table type ip size 100k expire 60s store http_req_rate(10s)
                    http-request deny deny_status 429 if { ↓sc_http_req_rate(0) gt 100 }
                    http-request track-sc0 src
                    default_backend app
                backend app
                    mode http
                    server a 127.0.0.1:8080

                """),
            .haproxy("""
                frontend web
                    mode http
                    bind :80
                    stick-table type ip size 100k expire 60s store conn_cur
                    acl too_many ↓sc1_conn_cur gt 20
                    http-request track-sc0 src
                    http-request deny if too_many
                    default_backend app
                backend app
                    mode http
                    server a 127.0.0.1:8080

                """),
        ],
        nonTriggering: [
            .haproxy("""
                frontend web
                    mode http
                    bind :80
                    stick-table type ip size 100k expire 60s store http_req_rate(10s)
                    acl too_fast sc_http_req_rate(0) gt 100
                    http-request track-sc0 src
                    http-request deny deny_status 429 if too_fast
                    default_backend app
                backend app
                    mode http
                    server a 127.0.0.1:8080

                """),
            .haproxy("""
                frontend web
                    mode http
                    bind :80
                    tcp-request connection track-sc1 src table per_ip
                    default_backend app
                backend app
                    mode http
                    http-request deny if { sc1_conn_cur gt 20 }
                    server a 127.0.0.1:8080
                backend per_ip
                    stick-table type ip size 100k expire 60s store conn_cur

                """),
        ])

    static func message(_ fetch: TableFetch, _ counter: Int) -> String {
        "'\(fetch.name)' reads stick counter \(counter) before any 'track-sc\(counter)' rule runs, so it returns nothing"
    }

    func check(_ context: HAProxyCheckContext, _ findings: inout Findings) {
        let uses = context.tableUses
        let trackedByFrontends = Set(uses.filter { $0.proxy.proxy.kind != .backend }.flatMap { $0.tracks.map(\.counter) })
        let trackedAnywhere = Set(uses.flatMap { $0.tracks.map(\.counter) })
        for use in uses {
            for fetchUse in use.uses {
                guard let counter = fetchUse.fetch.counter, !fetchUse.fetch.name.hasSuffix("tracked"),
                      !fetchUse.points.isEmpty else { continue }
                if use.proxy.proxy.kind == .backend, trackedByFrontends.contains(counter) { continue }
                let tracked = fetchUse.points.contains { point in
                    !use.tracks(of: counter, before: point).isEmpty
                        || (point.phase == .response && trackedAnywhere.contains(counter))
                }
                guard !tracked else { continue }
                let later = use.tracks.first { $0.counter == counter }
                let notes = later.map { [DiagnosticNote(message: "counter \(counter) is tracked only later, here", range: $0.range)] } ?? []
                findings.report(Self.message(fetchUse.fetch, counter), at: fetchUse.fetch.range, notes: notes)
            }
        }
    }
}
