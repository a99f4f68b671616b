import ConfigDiagnostics
import Foundation
import HAProxyConfig
import RuntimePlan
import RuntimePlanner
import WeirTestSupport
import XCTest

/// A table of requests × ACLs, answered by the real `haproxy` on loopback
/// and by the plan's evaluator; the answers must agree.
final class ACLOracleTests: XCTestCase {
    /// ACL criteria and patterns, one named ACL each (`a0`, `a1`, …).
    static let acls = [
        "path_beg /api/", "path_end .css .js", "path_sub admin", "path_reg ^/v[0-9]+/", "path -i /login",
        "path /Login", "path_dir api", "url_beg /api", "url_sub debug=1", "query -m sub debug=1", "query -m found",
        "method POST", "method GET HEAD", "hdr(host) -i a.example", "hdr(host) a.example", "hdr_beg(host) -i admin.",
        "hdr_end(host) .example.com", "hdr_dom(host) -i example", "hdr_sub(user-agent) curl", "hdr_reg(user-agent) ^curl/[0-9]",
        "hdr_cnt(x-multi) ge 2", "hdr_cnt(x-multi) 1", "req.hdr(x-token) -m str secret", "hdr(x-multi) -m found",
        "hdr(x-multi,-1) b", "hdr_val(x-num) gt 10", "hdr_val(x-num) 1:9", "src 127.0.0.0/8", "src 10.0.0.0/8",
        "src -f PATTERNS", "dst 127.0.0.1", "dst_port 1:1024", "ssl_fc", "path_len gt 8", "path -m beg -i /STATIC",
        "path_reg -i ^/LOGIN$", "path -m dom static", "hdr(x-token) -m len 6", "hdr(accept) -m sub json",
    ]

    /// Conditions over the ACLs (and predefined ones), one header each.
    static let conditions = [
        "a0 !a11", "a1 or a0", "a0 || { path_end .js }", "!a27", "a13 a27 or a4", "{ hdr(x-token) secret } !a32",
        "METH_GET", "LOCALHOST", "HTTP_1.1", "TRUE", "FALSE", "HTTP_URL_SLASH", "!{ path_beg /api/ }", "!!a0 OR ! a4",
    ]

    /// Raw requests (each closes the connection).
    static let requests = [
        "GET /api/users HTTP/1.1\r\nHost: a.example\r\nUser-Agent: curl/8.1\r\n",
        "POST /v2/items?debug=1 HTTP/1.1\r\nHost: admin.example.com\r\nX-Multi: a\r\nX-Multi: b\r\nContent-Length: 0\r\n",
        "GET /static/site.css HTTP/1.1\r\nHost: www.other.org\r\nX-Token: secret\r\nX-Num: 42\r\nAccept: application/json\r\n",
        "GET /Login?x=1 HTTP/1.1\r\nHost: A.EXAMPLE\r\nX-Multi: a, c\r\nX-Num: 5\r\n",
        "PUT /admin/panel HTTP/1.0\r\nUser-Agent: Mozilla/5.0 curl\r\nContent-Length: 0\r\n",
        "GET /x/api/y.js?q HTTP/1.1\r\nHost: static.example.com:8080\r\nX-Token: other\r\n",
        "DELETE /login HTTP/1.1\r\nHost: a.example.org\r\nX-Multi: b\r\n",
    ]

    func testHAProxyAndTheEvaluatorAgree() throws {
        guard let haproxy = Programs.path("haproxy") else { throw XCTSkip("haproxy is not installed") }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("weir-acl-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let patterns = directory.appendingPathComponent("sources.lst")
        try "# loopback only\n127.0.0.1\n".write(to: patterns, atomically: true, encoding: .utf8)
        let port = Loopback.freePort()
        let config = Self.config(port: port, patternFile: patterns.path)
        let configURL = directory.appendingPathComponent("acl.cfg")
        try config.write(to: configURL, atomically: true, encoding: .utf8)

        let source = SourceFile(path: configURL.path, text: config)
        let parsed = HAProxyReader().read([source])
        XCTAssertEqual(parsed.diagnostics.filter { $0.severity == .error }.map(\.message), [])
        let planned = Planner(fileOrder: [configURL.path]).plan(parsed.configuration)
        let plan = try XCTUnwrap(planned.plan, "\(planned.diagnostics.map(\.message))")
        let frontend = try XCTUnwrap(plan.frontends.first)
        let router = RequestRouter(plan: plan)

        let server = try BackgroundProcess(haproxy, ["-db", "-f", configURL.path])
        defer { server.stop() }
        XCTAssertTrue(Loopback.waitForListener(port: port), "haproxy did not start: \(server.output)")

        for request in Self.requests {
            let response = Loopback.exchange(port: port, request + "Connection: close\r\n\r\n")
            let expected = try XCTUnwrap(response.components(separatedBy: "\r\n\r\n").last, response)
            let facts = try Self.facts(request, port: port)
            guard case .respond(_, _, let body?, _, _) = router.route(frontend, facts).outcome else {
                return XCTFail("the plan did not answer \(request)")
            }
            let line = request.prefix { $0 != "\r" }
            XCTAssertEqual(Self.describe(body), Self.describe(expected), "request \(line)")
            let direct = frontend.acls.map { acl in acl.tests.contains { router.evaluator.matches($0, facts) } ? "1" : "" }
            XCTAssertEqual(direct, Array(expected.split(separator: ",", omittingEmptySubsequences: false).prefix(Self.acls.count))
                .map(String.init), "evaluator on \(line)")
        }
    }

    /// The ACLs that differ are easier to read than two strings of flags.
    static func describe(_ flags: String) -> [String] {
        let values = flags.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: ",", omittingEmptySubsequences: false)
        return values.enumerated().map { index, value in
            let name = index < acls.count ? "a\(index) \(acls[index])" : "c\(index - acls.count) \(conditions[index - acls.count])"
            return "\(name): \(value == "1")"
        }
    }

    static func config(port: Int, patternFile: String) -> String {
        var lines = ["defaults", "    mode http", "    timeout connect 1s", "    timeout client 5s", "    timeout server 5s",
                     "frontend acl_table", "    bind 127.0.0.1:\(port)"]
        for (index, acl) in acls.enumerated() {
            lines.append("    acl a\(index) \(acl.replacingOccurrences(of: "PATTERNS", with: patternFile))")
        }
        for index in acls.indices { lines.append("    http-request set-header x-acl-\(index) 1 if a\(index)") }
        for (index, condition) in conditions.enumerated() {
            lines.append("    http-request set-header x-acl-\(acls.count + index) 1 if \(condition)")
        }
        let fields = (0..<(acls.count + conditions.count)).map { "%[req.hdr(x-acl-\($0))]" }.joined(separator: ",")
        lines.append("    http-request return status 200 content-type text/plain lf-string \"\(fields)\"")
        return lines.joined(separator: "\n") + "\n"
    }

    /// The facts the plan sees for a raw request sent from 127.0.0.1.
    static func facts(_ request: String, port: Int) throws -> RequestFacts {
        let lines = request.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        let words = lines[0].split(separator: " ").map(String.init)
        let headers = lines.dropFirst().map { line -> HTTPHeaderField in
            let colon = line.firstIndex(of: ":")!
            return HTTPHeaderField(name: String(line[..<colon]),
                                   value: line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
        } + [HTTPHeaderField(name: "Connection", value: "close")]
        return RequestFacts(method: words[0], target: words[1], version: String(words[2].dropFirst("HTTP/".count)),
                            headers: headers, source: "127.0.0.1", sourcePort: 40000, destination: "127.0.0.1",
                            destinationPort: port, tls: false)
    }
}
