@testable import ProxyEngine
import XCTest

/// Source affinity (`stick on src`, Fixtures/article/10-peers.cfg without its
/// peers) and a tracked rate in the real haproxy 2.6 and in the engine: the
/// same servers, and the same `show table` lines apart from the entry's
/// address and the milliseconds left before it expires.
final class StickTableDifferentialTests: XCTestCase {
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
            stick-table type ip size 100k expire 60s store http_req_cnt,http_req_rate(10s),conn_cnt,conn_cur,gpc0,http_err_cnt
            http-request track-sc1 src
            http-request sc-inc-gpc0(1) if { path /count }
            http-request deny if { path /deny }
            default_backend app
        backend app
            balance roundrobin
            stick-table type ip size 1m expire 30m
            stick on src
            server s1 127.0.0.1:\(servers[0])
            server s2 127.0.0.1:\(servers[1])

        """
    }

    func testSourceAffinityAndShowTableLinesMatchHAProxy() async throws {
        let pair = try await TablePair(servers: ["s1", "s2"], Self.config)
        var expected: [String] = [], actual: [String] = []
        for path in ["/", "/", "/count", "/deny", "/count", "/"] {
            expected.append(TablePair.observed(pair.haproxyPort, path: path, cookie: nil))
            actual.append(TablePair.observed(pair.enginePort, path: path, cookie: nil))
        }
        XCTAssertEqual(expected.first, "x-server: s1")
        XCTAssertEqual(actual, expected)
        let tables = try pair.tables()
        for name in ["fe", "app"] {
            let real = TablePair.normalized(pair.ask("show table \(name)\n"))
            let ours = TablePair.normalized(StickTableDump.dump(try XCTUnwrap(tables[name])))
            XCTAssertEqual(ours, real, name)
            XCTAssertEqual(real.count, 2, "a header and one entry: \(real)")
        }
        await pair.shutdown()
    }

    /// `show|clear|set table` on both, after the same requests: the same answers and errors.
    func testTableCommandsAnswerAsHAProxy() async throws {
        let pair = try await TablePair(servers: ["s1", "s2"], Self.config)
        for port in [pair.haproxyPort, pair.enginePort] {
            for path in ["/", "/count", "/count"] { _ = TablePair.observed(port, path: path, cookie: nil) }
        }
        let tables = try pair.tables()
        let commands: [(StickTableCommands.Action, String)] = [
            (.show, ""), (.show, "nope"), (.set, "fe key 10.0.0.9 data.gpc0 7 data.http_req_rate 40"),
            (.show, "fe data.gpc0 gt 1"), (.show, "fe data.gpc0 eq 2 data.conn_cnt ge 3"), (.show, "fe key 10.0.0.9"),
            (.show, "fe data.bogus eq 1"), (.show, "fe data.gpc1 eq 1"), (.show, "fe data.gpc0 xx 1"),
            (.show, "fe data.gpc0 eq x"), (.show, "fe extra"), (.set, "fe key 10.0.0.9 data.gpc1 1"),
            (.set, "fe key 10.0.0.9 gpc0 1"), (.set, "fe data.gpc0 eq 1"), (.clear, "fe key 10.0.0.9"),
            (.show, "fe key 10.0.0.9"), (.clear, "fe data.gpc0 lt 1"), (.show, "fe"), (.clear, "fe"), (.show, "fe"),
            (.show, "app"), (.clear, "app"), (.show, "app"),
        ]
        for (action, arguments) in commands {
            let verb = action == .show ? "show" : action == .clear ? "clear" : "set"
            let real = TablePair.normalized(pair.ask("\(verb) table \(arguments)\n"))
            let words = arguments.split(separator: " ").map(String.init)
            let ours = TablePair.normalized(StickTableCommands.run(action, words, tables: tables))
            XCTAssertEqual(ours, real, "\(verb) table \(arguments)")
        }
        await pair.shutdown()
    }
}
