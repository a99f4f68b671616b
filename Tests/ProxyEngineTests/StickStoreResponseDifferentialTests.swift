@testable import ProxyEngine
import WeirTestSupport
import XCTest

/// `stick store-response` and the `table_*` converters in the real haproxy
/// 2.6 and in the engine: the same servers for the same cookies, the same
/// `show table` lines apart from expiry times, the same converter values.
final class StickStoreResponseDifferentialTests: XCTestCase {
    static func config(_ port: Int, _ servers: [Int], socket: String?) -> String {
        """
        global
            nbthread 1
        \(socket.map { "    stats socket \($0) level admin" } ?? "")
        defaults
            mode http
            timeout connect 1s
            timeout client 5s
            timeout server 5s
        frontend fe
            bind 127.0.0.1:\(port)
            stick-table type ip size 100k expire 60s store http_req_cnt,http_req_rate(10s),gpc0,gpt0,conn_cur
            http-request track-sc1 src
            http-request sc-inc-gpc0(1) if { path /count }
            http-request return status 200 content-type text/plain lf-string "cnt=%[src,table_http_req_cnt(fe)] rate=%[src,table_http_req_rate(fe)] gpc0=%[src,table_gpc0(fe)] gpt0=%[src,table_gpt0(fe)] gpc_0=%[src,table_gpc(0,fe)] gpc1=%[src,table_gpc1(fe)] in=%[src,in_table(fe)] absent=%[str(10.9.9.9),table_http_req_cnt(fe)] absent_in=%[str(10.9.9.9),in_table(fe)] sid=%[req.cook(SID),table_server_id(app)] trackers=%[src,table_trackers(fe)] cur=%[src,table_conn_cur(fe)]" if { path /table }
            default_backend app
        backend app
            balance roundrobin
            stick-table type string len 32 size 1k expire 30m
            stick match req.cook(SID)
            stick store-response res.cook(NOPE)
            stick store-response res.cook(SID) if { status 200 }
            stick store-response res.cook(OTHER)
            server s1 127.0.0.1:\(servers[0])
            server s2 127.0.0.1:\(servers[1])

        """
    }

    /// A server's `Set-Cookie: SID=fromserver` is stored with that server; requests carrying the cookie go back to it,
    /// rules whose key the response lacks are passed over, and a later store moves the entry.
    func testStoreResponseSendsTheCookieBackToItsServerAsInHAProxy() async throws {
        let pair = try await TablePair(servers: ["s1", "s2"], Self.config)
        // The third rule stores `OTHER` under the same key with the server that answered it, which replaces the first.
        let sequence: [(String, String?)] = [("/", nil), ("/set-SID", nil), ("/", "SID=fromserver"), ("/", "SID=fromserver"),
                                             ("/", nil), ("/", nil), ("/set-OTHER", nil), ("/", "SID=fromserver"), ("/", "SID=unknown")]
        var expected: [String] = [], actual: [String] = []
        for (path, cookie) in sequence {
            expected.append(TablePair.observed(pair.haproxyPort, path: path, cookie: cookie))
            actual.append(TablePair.observed(pair.enginePort, path: path, cookie: cookie))
        }
        XCTAssertEqual(expected[2], expected[1].components(separatedBy: " | ").first, "haproxy kept the cookie's server: \(expected)")
        XCTAssertEqual(actual, expected)
        let tables = try pair.tables()
        let real = TablePair.normalized(pair.ask("show table app\n"))
        let ours = TablePair.normalized(StickTableDump.dump(try XCTUnwrap(tables["app"])))
        XCTAssertEqual(ours, real)
        XCTAssertEqual(real.count, 2, "a header and the stored cookie: \(real)")
        XCTAssertEqual(expected[7], expected[6].components(separatedBy: " | ").first, "the entry follows the last store: \(expected)")
        await pair.shutdown()
    }

    /// `table_*` and `in_table` converters read the same values as haproxy's (0 for a key without an entry,
    /// nothing for data the table does not store).
    func testTableConvertersAgreeWithHAProxy() async throws {
        let pair = try await TablePair(servers: ["s1", "s2"], Self.config)
        var expected: [String] = [], actual: [String] = []
        for (path, cookie) in [("/set-SID", nil), ("/count", nil), ("/count", nil), ("/table", "SID=fromserver"), ("/table", nil)] {
            expected.append(Self.body(pair.haproxyPort, path, cookie))
            actual.append(Self.body(pair.enginePort, path, cookie))
        }
        XCTAssertTrue(expected[3].hasPrefix("cnt=4 ") && expected[3].contains(" gpc0=2 "), expected[3])
        XCTAssertEqual(actual, expected)
        await pair.shutdown()
    }

    private static func body(_ port: Int, _ path: String, _ cookie: String?) -> String {
        let header = cookie.map { "Cookie: \($0)\r\n" } ?? ""
        let (text, _) = ProxyPair.send(Array("GET \(path) HTTP/1.1\r\nHost: a\r\n\(header)Connection: close\r\n\r\n".utf8), port: port, settle: 2)
        return text.components(separatedBy: "\r\n\r\n").dropFirst().joined(separator: "\r\n\r\n")
    }
}
