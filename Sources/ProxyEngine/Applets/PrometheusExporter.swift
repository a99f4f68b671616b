import Foundation
import NIOCore
import RuntimePlan

/// `http-request use-service prometheus-exporter`: HAProxy's metrics in the
/// Prometheus text format (`PrometheusMetrics`, grouped per metric across
/// objects, labels `proxy`, `server`, `state`, `code`, `version`), read from
/// the same counters as `show stat` and `show info`. The query's `scope=`
/// (repeatable; `global`, `frontend`, `backend`, `server`, `*`; empty clears)
/// and `no-maint` choose what is listed.
struct PrometheusExporter: Sendable {
    static let serverStates = ["DOWN", "UP", "MAINT", "DRAIN", "NOLB"]
    static let checkStates = ["HANA", "SOCKERR", "L4OK", "L4TOUT", "L4CON", "L6OK", "L6TOUT", "L6RSP", "L7TOUT", "L7RSP", "L7OK",
                              "L7OKC", "L7STS", "PROCERR", "PROCTOUT", "PROCOK"]
    static let codes = ["1xx", "2xx", "3xx", "4xx", "5xx", "other"]

    /// The scopes and filters of a query string.
    struct Query {
        var scopes: Set<String> = ["process", "frontend", "backend", "server"]
        var skipMaintenance = false

        init(_ query: String?) {
            var chosen: Set<String>?
            for pair in (query ?? "").split(separator: "&") {
                let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                if parts[0] == "no-maint" { skipMaintenance = true }
                guard parts[0] == "scope" else { continue }
                let value = parts.count > 1 ? String(parts[1]) : ""
                var set = chosen ?? []
                switch value {
                case "": set = []
                case "*": set = ["process", "frontend", "backend", "server"]
                case "global": set.insert("process")
                default: set.insert(value)
                }
                chosen = set
            }
            if let chosen { scopes = chosen }
        }
    }

    func respond(query: String?, engine: EngineContext, on loop: EventLoop) -> EventLoopFuture<ByteBuffer> {
        let servers = engine.backends.map { $0.snapshot() }
        let options = Query(query)
        return engine.statistics.totals(on: loop).map { totals in
            let report = StatsReport(engine: engine, totals: totals, servers: servers, skipMaintenance: options.skipMaintenance)
            let info = Dictionary(ProcessInfoReport(engine: engine, totals: totals).fields, uniquingKeysWith: { first, _ in first })
            let body = Self.render(report, info: info, engine: engine, scopes: options.scopes)
            return StatsPage.reply("200 OK", type: "text/plain; version=0.0.4", extra: [], body: body)
        }
    }

    static func render(_ report: StatsReport, info: [String: String], engine: EngineContext, scopes: Set<String>) -> String {
        let columns = Dictionary(StatField.columns.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { first, _ in first })
        var text = ""
        for metric in PrometheusMetrics.all where scopes.contains(String(metric.scope)) {
            var lines: [String] = []
            if metric.scope == "process" {
                if metric.suffix == "build_info" {
                    lines.append("\(metric.name){version=\"\(ProcessInfoReport.version)\"} 1")
                } else {
                    let field = String(metric.source.dropFirst("info:".count))
                    lines.append("\(metric.name) \(format(info[field] ?? "0", metric))")
                }
            } else {
                let kind: StatsReport.Row.Kind = metric.scope == "frontend" ? .frontend : metric.scope == "backend" ? .backend : .server
                for row in report.rows where row.kind == kind {
                    lines += self.lines(metric, row, columns: columns, engine: engine, report: report)
                }
            }
            guard !lines.isEmpty else { continue }
            text += "# HELP \(metric.name) \(metric.help)\n# TYPE \(metric.name) \(metric.kind.rawValue)\n"
            text += lines.map { $0 + "\n" }.joined()
        }
        return text
    }

    private static func lines(_ metric: PrometheusMetrics.Metric, _ row: StatsReport.Row, columns: [String: Int],
                              engine: EngineContext, report: StatsReport) -> [String] {
        let proxy = row.values[0] ?? "", server = row.values[1] ?? ""
        let labels = row.kind == .server ? "proxy=\"\(proxy)\",server=\"\(server)\"" : "proxy=\"\(proxy)\""
        let http = row.values[75] == "http"
        if metric.suffix.hasPrefix("http_"), !http { return [] }
        let checked = row.values[36] != nil
        switch metric.suffix {
        case "status":
            let status = row.values[17] ?? ""
            let states = row.kind == .server ? serverStates : ["DOWN", "UP"]
            let current = row.kind == .server ? (status == "no check" ? "UP" : status) : (status == "DOWN" ? "DOWN" : "UP")
            return states.map { "\(metric.name){\(labels),state=\"\($0)\"} \($0 == current ? 1 : 0)" }
        case "http_responses_total":
            return codes.enumerated().map { "\(metric.name){\(labels),code=\"\($1)\"} \(row.values[39 + $0] ?? "0")" }
        case "check_status":
            guard checked else { return [] }
            return checkStates.map { "\(metric.name){\(labels),state=\"\($0)\"} \($0 == row.values[36] ? 1 : 0)" }
        case "check_code", "check_duration_seconds":
            guard checked else { return [] }
        case "agg_server_status", "agg_server_check_status":
            let members = report.rows.filter { $0.kind == .server && $0.values[0] == proxy }
            return serverStates.map { state in
                let count = members.filter { ($0.values[17] == "no check" ? "UP" : $0.values[17]) == state }.count
                return "\(metric.name){\(labels),state=\"\(state)\"} \(count)"
            }
        case "agg_check_status":
            let members = report.rows.filter { $0.kind == .server && $0.values[0] == proxy }
            return checkStates.map { state in
                "\(metric.name){\(labels),state=\"\(state)\"} \(members.filter { $0.values[36] == state }.count)"
            }
        default:
            break
        }
        let column = metric.source.hasPrefix("stat:") ? columns[String(metric.source.dropFirst("stat:".count))] : nil
        let value = column.flatMap { row.values[$0] } ?? ""
        return ["\(metric.name){\(labels)} \(value.isEmpty ? "NaN" : format(value, metric))"]
    }

    /// `%u` for integers, `%f` (from milliseconds for times) for floats.
    private static func format(_ value: String, _ metric: PrometheusMetrics.Metric) -> String {
        guard metric.isFloat else { return Int(value).map(String.init) ?? "0" }
        let number = Double(value) ?? 0
        return String(format: "%f", metric.suffix.hasSuffix("_seconds") && metric.scope != "process" ? number / 1000 : number)
    }
}
