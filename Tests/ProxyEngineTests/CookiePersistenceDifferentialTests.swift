import Foundation
@testable import ProxyEngine
import WeirTestSupport
import XCTest
#if canImport(Glibc)
import Glibc
#endif

/// The article's cookie persistence (Fixtures/article/09-stick-cookie.cfg on
/// loopback, a third server in maintenance) in the real haproxy 2.6 and in the
/// engine: the same requests reach the same servers and get the same
/// `Set-Cookie` and `Cache-Control` lines.
final class CookiePersistenceDifferentialTests: XCTestCase {
    static let articleCookie = "cookie SERVERID insert indirect nocache"

    static func config(_ port: Int, _ servers: [Int], options: String = "", cookie: String = articleCookie) -> String {
        """
        global
            nbthread 1
        defaults
            mode http
            timeout connect 1s
            timeout client 5s
            timeout server 5s
        frontend f
            bind 127.0.0.1:\(port)
            default_backend app_servers
        backend app_servers
            balance roundrobin
        \(options)
            \(cookie)
            stick-table type string len 64 size 100k expire 30m
            stick on cookie(SERVERID)
            server app01 127.0.0.1:\(servers[0]) check cookie app01
            server app02 127.0.0.1:\(servers[1]) check cookie app02
            server app03 127.0.0.1:\(servers[2]) check cookie app03 disabled

        """
    }

    func testTheSameCookiesReachTheSameServersWithTheSameSetCookie() async throws {
        try await compare(options: "", checks: { expected in
            XCTAssertEqual(expected[0], "x-server: app01 | set-cookie: SERVERID=app01; path=/", "haproxy")
            XCTAssertEqual(expected[2], "x-server: app02", "haproxy")
        })
    }

    /// `option persist`, `ignore-persist` and `force-persist` against a server in maintenance.
    func testPersistOptionsAsHAProxy() async throws {
        try await compare(options: """
                option persist
                ignore-persist if { path /ignored }
                force-persist if { path /forced }
            """, checks: { _ in })
    }

    /// `maxidle` and `maxlife`: the dates in the value, refreshed, expired, or too far ahead.
    func testCookieDatesAsHAProxy() async throws {
        // The dates move in 4-second steps: start just after a step so both proxies see the same one.
        while true {
            let now = Date().timeIntervalSince1970
            if (Int(now) + 3) % 4 == 0, now - now.rounded(.down) < 0.3 { break }
            usleep(50_000)
        }
        let now = Int(Date().timeIntervalSince1970)
        let fresh = CookieDates.encode((now + 3) >> 2), old = CookieDates.encode((now - 7200) >> 2)
        let ahead = CookieDates.encode((now + 90_000) >> 2)
        try await compare(options: "", cookie: "cookie SRV insert indirect maxidle 30m maxlife 2h domain .example.com httponly secure",
                          sequence: [("/", nil), ("/", "SRV=app01"), ("/", "SRV=app02|\(fresh)|\(fresh)"), ("/", "SRV=app02|\(fresh)"),
                                     ("/", "SRV=app01|\(old)|\(old)"), ("/", "SRV=app02|\(fresh)|\(old)"), ("/", "SRV=app02|\(ahead)"),
                                     ("/", "SRV=app01|bad!!")],
                          checks: { expected in
            XCTAssertEqual(expected[0], "x-server: app01 | set-cookie: SRV=app01|\(fresh)|\(fresh); path=/; domain=.example.com; HttpOnly; Secure")
            XCTAssertEqual(expected[2], "x-server: app02")
        })
    }

    /// The other modes and options, each with cookies the servers set themselves.
    func testRewritePrefixPreserveAndPostonlyAsHAProxy() async throws {
        let cases: [(String, [(String, String?)])] = [
            ("cookie SERVERID rewrite", [("/set-SERVERID", nil), ("/", "SERVERID=app02"), ("/set-SERVERID", "SERVERID=app01")]),
            ("cookie JSESSIONID prefix nocache", [("/set-JSESSIONID", nil), ("/", "JSESSIONID=app02~abc"),
                                                  ("/set-JSESSIONID", "JSESSIONID=app01~abc"), ("/etag", nil)]),
            ("cookie SERVERID insert preserve", [("/set-SERVERID", nil), ("/", nil), ("/set-OTHER", "SERVERID=app01")]),
            ("cookie SERVERID insert indirect", [("/set-SERVERID", nil), ("/set-SERVERID", "SERVERID=app01")]),
            ("cookie SERVERID insert postonly", [("/", nil), ("/", "SERVERID=app01")]),
        ]
        for (line, sequence) in cases {
            try await compare(options: "", cookie: line, sequence: sequence, checks: { expected in
                XCTAssertTrue(expected.contains { $0.contains("set-cookie") } || line.contains("postonly"), "\(line): \(expected)")
            })
        }
    }

    private func compare(options: String, cookie: String = articleCookie, sequence given: [(String, String?)]? = nil,
                         checks: ([String]) -> Void) async throws {
        let pair = try await TablePair(servers: ["app01", "app02", "app03"]) { port, servers, _ in
            Self.config(port, servers, options: options, cookie: cookie)
        }
        let sequence: [(String, String?)] = given ?? [
            ("/", nil), ("/", nil), ("/", "SERVERID=app02"), ("/etag", "SERVERID=app01"), ("/etag", nil),
            ("/", "SERVERID=app03"), ("/", "SERVERID=nobody"), ("/", "a=1; SERVERID=app01; b=2"), ("/etag", "SERVERID=app02"),
            ("/ignored", "SERVERID=app02"), ("/forced", "SERVERID=app03"), ("/forced", "SERVERID=app01"),
        ]
        var expected: [String] = [], actual: [String] = []
        for (path, cookie) in sequence {
            expected.append(TablePair.observed(pair.haproxyPort, path: path, cookie: cookie))
            actual.append(TablePair.observed(pair.enginePort, path: path, cookie: cookie))
        }
        await pair.shutdown()
        checks(expected)
        for (index, (reference, engine)) in zip(expected, actual).enumerated() {
            XCTAssertEqual(engine, reference, "\(cookie): request \(index + 1) \(sequence[index])")
        }
    }
}
