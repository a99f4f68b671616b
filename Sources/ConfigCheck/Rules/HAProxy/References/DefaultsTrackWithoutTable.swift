import ConfigDiagnostics
import HAProxyConfig

/// A `track-scN` rule in a `defaults` section that names no table.
struct DefaultsTrackWithoutTable: HAProxyRule {
    static let description = RuleDescription(
        id: "defaults-track-without-table", severity: .error, domain: .haproxy,
        summary: "A track-sc rule in a defaults section names no table.",
        rationale: """
            Without 'table NAME', a track-sc rule tracks in its own proxy's stick table. A rule written in a \
            named defaults section belongs to that section, which cannot hold a stick table, so haproxy \
            refuses to start ("unable to find table 'NAME' referenced by track-sc0"), even when every proxy \
            that inherits the rule has a table of its own.
            """,
        fix: "Add 'table NAME' naming a proxy that has a stick-table, or move the rule into that proxy.",
        triggering: [
            .haproxy("""
                defaults limits
                    mode http
                    timeout connect 5s
                    timeout client 30s
                    timeout server 30s
                    http-request ↓track-sc0 src
                backend be from limits
                    stick-table type ip size 100k expire 30s store http_req_rate(10s)
                    server www 127.0.0.1:80

                """),
        ],
        nonTriggering: [
            .haproxy("""
                defaults limits
                    mode http
                    timeout connect 5s
                    timeout client 30s
                    timeout server 30s
                    http-request track-sc0 src table be
                backend be from limits
                    stick-table type ip size 100k expire 30s store http_req_rate(10s)
                    server www 127.0.0.1:80

                """),
        ])

    static func message(_ counter: Int, defaults: String) -> String {
        "track-sc\(counter) in defaults '\(defaults)' names no table, and a defaults section has none of its own"
    }

    func check(_ context: HAProxyCheckContext, _ findings: inout Findings) {
        for defaults in context.configuration.defaults {
            for track in ProxyTableUse.tracks(in: defaults, inherited: false) where track.table == nil {
                findings.report(Self.message(track.counter, defaults: defaults.name ?? "defaults"), at: track.range)
            }
        }
    }
}
