import Foundation
import NIOCore
import RuntimePlan

/// What a proxy with `stats enable` (or any `stats` keyword) answers on its
/// stats URI while the engine has no stats page: HAProxy's 401 with the
/// realm when the credentials are missing or wrong, byte for byte as
/// haproxy 2.6.12 writes it, and 503 where haproxy would show the page.
/// Built once per proxy from the plan's `stats` lines.
struct StatsAuthGate: Sendable {
    /// `stats uri`, matched as a prefix of the path (HAProxy's `http_stats_check_uri`).
    var uri = "/haproxy?stats"
    var realm = "HAProxy Statistics"
    /// `stats auth user:password` lines.
    var credentials: [String] = []

    /// The gate of a proxy, nil when it has no `stats` line.
    init?(plan: RuntimePlan, proxy: String) {
        let lines = plan.unsupported.filter { $0.feature == "stats" && $0.proxy == proxy }.map(\.directive)
        guard !lines.isEmpty else { return nil }
        for line in lines {
            if line.hasPrefix("stats uri ") { uri = String(line.dropFirst("stats uri ".count)) }
            if line.hasPrefix("stats realm ") { realm = String(line.dropFirst("stats realm ".count)).replacingOccurrences(of: "\\ ", with: " ") }
            if line.hasPrefix("stats auth ") { credentials.append(String(line.dropFirst("stats auth ".count))) }
        }
    }

    /// The answer to a request, nil when the request is not for the stats page (only GET, HEAD and POST are).
    func answer(method: String, path: String, target: String, authorization: String?, http11: Bool) -> ByteBuffer? {
        guard ["GET", "HEAD", "POST"].contains(method) else { return nil }
        let subject = uri.hasPrefix("/") ? path + target.drop { $0 != "?" } : target
        guard subject.hasPrefix(uri) else { return nil }
        if !credentials.isEmpty, !authorized(authorization) {
            let page = ErrorPages.body(401)
            var text = "HTTP/1.1 401 Unauthorized\r\ncontent-length: \(page.utf8.count)\r\ncache-control: no-cache\r\n"
            text += "content-type: text/html\r\nwww-authenticate: Basic realm=\"\(realm)\"\r\n"
            if !http11 { text += "connection: close\r\n" }
            return ByteBuffer(string: text + "\r\n" + page)
        }
        return ErrorPages.response(503, closing: true)
    }

    private func authorized(_ header: String?) -> Bool {
        guard let header, header.lowercased().hasPrefix("basic "),
              let decoded = Data(base64Encoded: String(header.dropFirst(6)).trimmingCharacters(in: .whitespaces)) else { return false }
        return credentials.contains(String(decoding: decoded, as: UTF8.self))
    }
}
