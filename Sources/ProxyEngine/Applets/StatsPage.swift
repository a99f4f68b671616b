import Foundation
import NIOCore
import RuntimePlan

/// The stats page of a frontend or listen section (`stats enable|uri|…`):
/// intercepts GET, HEAD and POST whose path starts with the stats URI,
/// answers HAProxy's 401 with the realm when `stats auth` credentials are
/// missing or wrong, then the HTML page, the CSV (`;csv`), or for a POST from
/// a client `stats admin` allows, applies the admin form and redirects to
/// the page with its result (`;st=DONE`…).
struct StatsPage: Sendable {
    let plan: StatsPagePlan
    let evaluator: ACLEvaluator

    init?(frontend: FrontendPlan, runtime: RuntimePlan) {
        guard let plan = frontend.statsPage else { return nil }
        self.plan = plan
        evaluator = ACLEvaluator(plan: runtime)
    }

    /// What the page was asked for: the options written after the URI.
    struct Request: Sendable {
        var isPost: Bool
        var isHead: Bool
        var options: String
        var csv: Bool { options.contains(";csv") }
        var hideDown: Bool { options.contains(";up") }
        var noRefresh: Bool { options.contains(";norefresh") }
        /// The result code of `;st=CODE`.
        var status: String? {
            guard let range = options.range(of: ";st=") else { return nil }
            return String(options[range.upperBound...].prefix { $0.isLetter })
        }
    }

    /// The request if it is for the page (HAProxy's `http_stats_check_uri`: a prefix match; GET, HEAD and POST only).
    func intercepts(method: String, path: String, target: String) -> Request? {
        guard ["GET", "HEAD", "POST"].contains(method) else { return nil }
        let subject = plan.uri.hasPrefix("/") ? path + target.drop { $0 != "?" } : target
        guard subject.hasPrefix(plan.uri) else { return nil }
        return Request(isPost: method == "POST", isHead: method == "HEAD", options: String(subject.dropFirst(plan.uri.count)))
    }

    /// The answer, once the counters of every event loop are read.
    func respond(_ request: Request, facts: RequestFacts, body: String, http11: Bool, engine: EngineContext,
                 on loop: EventLoop) -> EventLoopFuture<ByteBuffer> {
        if !plan.credentials.isEmpty, !authorized(facts.fullHeaderValues("authorization").first) {
            return loop.makeSucceededFuture(unauthorized(http11: http11))
        }
        let admin = plan.admin.map { evaluator.evaluate($0, facts) } ?? false
        if request.isPost {
            let code = admin ? StatsAdminForm(engine: engine).apply(body) : "DENY"
            var location = plan.uri + ";st=" + code
            if request.hideDown { location += ";up" }
            if request.noRefresh { location += ";norefresh" }
            return loop.makeSucceededFuture(Self.reply("303 See Other", type: "text/plain", extra: [("location", location)], body: ""))
        }
        let servers = engine.backends.map { $0.snapshot() }
        let plan = self.plan
        return engine.statistics.totals(on: loop).map { totals in
            let report = StatsReport(engine: engine, totals: totals, servers: servers, skipDown: request.hideDown)
            let refresh = plan.refreshSeconds.flatMap { request.noRefresh || request.csv ? nil : [("refresh", "\($0)")] } ?? []
            let body: String
            if request.csv {
                body = String(report.csv)
            } else {
                body = StatsPageHTML(plan: plan, engine: engine, report: report, request: request, admin: admin).render()
            }
            let reply = Self.reply("200 OK", type: request.csv ? "text/plain" : "text/html", extra: refresh, body: body)
            return request.isHead ? Self.headOnly(reply) : reply
        }
    }

    private func unauthorized(http11: Bool) -> ByteBuffer {
        let page = ErrorPages.body(401)
        var text = "HTTP/1.1 401 Unauthorized\r\ncontent-length: \(page.utf8.count)\r\ncache-control: no-cache\r\n"
        text += "content-type: text/html\r\nwww-authenticate: Basic realm=\"\(plan.realm)\"\r\n"
        if !http11 { text += "connection: close\r\n" }
        return ByteBuffer(string: text + "\r\n" + page)
    }

    private func authorized(_ header: String?) -> Bool {
        guard let header, header.lowercased().hasPrefix("basic "),
              let decoded = Data(base64Encoded: String(header.dropFirst(6)).trimmingCharacters(in: .whitespaces)) else { return false }
        return plan.credentials.contains(String(decoding: decoded, as: UTF8.self))
    }

    /// A complete response that closes the connection (the engine sends a length, HAProxy chunks).
    static func reply(_ status: String, type: String, extra: [(String, String)], body: String) -> ByteBuffer {
        var text = "HTTP/1.1 \(status)\r\ncache-control: no-cache\r\ncontent-type: \(type)\r\n"
        for (name, value) in extra { text += "\(name): \(value)\r\n" }
        text += "content-length: \(body.utf8.count)\r\nconnection: close\r\n\r\n"
        return ByteBuffer(string: text + body)
    }

    private static func headOnly(_ reply: ByteBuffer) -> ByteBuffer {
        let text = String(buffer: reply)
        guard let end = text.range(of: "\r\n\r\n") else { return reply }
        return ByteBuffer(string: String(text[..<end.upperBound]))
    }
}
