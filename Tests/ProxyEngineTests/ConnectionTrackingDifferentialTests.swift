import Foundation
@testable import ProxyEngine
import WeirTestSupport
import XCTest
#if canImport(Glibc)
import Glibc
#endif

/// `tcp-request connection track-sc0 src` in the real haproxy 2.6 and in the
/// engine: idle connections count in `conn_cur`, every request of a
/// connection counts on its counter, and the tables read the same after.
final class ConnectionTrackingDifferentialTests: XCTestCase {
    static func config(_ port: Int, _ server: Int, socket: String?) -> String {
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
            stick-table type ip size 1k expire 60s store conn_cnt,conn_cur,conn_rate(10s),sess_cnt,http_req_cnt,http_err_cnt
            tcp-request connection track-sc0 src
            http-request deny deny_status 429 if { sc0_conn_cur gt 3 }
            default_backend app
        backend app
            server s1 127.0.0.1:\(server)

        """
    }

    func testIdleConnectionsCountAndEveryRequestCounts() async throws {
        let pair = try await TablePair(servers: ["s1"], { port, servers, socket in Self.config(port, servers[0], socket: socket) })
        // The listener probe was a connection too: let both forget it, then start from a clean table.
        usleep(200_000)
        let tables = try pair.tables()
        _ = pair.ask("clear table fe\n")
        _ = StickTableCommands.run(.clear, ["fe"], tables: tables)
        var statuses: [[Int]] = []
        for port in [pair.haproxyPort, pair.enginePort] {
            let idle = (0..<3).compactMap { _ in Loopback.connect(port: port) }
            usleep(100_000)
            // A fourth connection: conn_cur is 4, so its requests are denied, each counted. HAProxy counts each
            // idle connection that closes without a request as a request and an error too.
            let request = "GET / HTTP/1.1\r\nHost: a\r\n\r\n"
            let (denied, _) = ProxyPair.send(Array((request + request).utf8), port: port, settle: 0.3)
            idle.forEach { close($0) }
            usleep(200_000)
            let (allowed, _) = ProxyPair.send(Array((request + request).utf8), port: port, settle: 0.3)
            statuses.append(ProxyPair.statuses(denied) + ProxyPair.statuses(allowed))
        }
        usleep(200_000)
        XCTAssertEqual(statuses[0], [429, 429, 200, 200], "haproxy")
        XCTAssertEqual(statuses[1], statuses[0], "engine")
        let real = TablePair.normalized(pair.ask("show table fe\n"))
        let ours = TablePair.normalized(StickTableDump.dump(try XCTUnwrap(tables["fe"])))
        XCTAssertEqual(ours, real)
        XCTAssertEqual(real.count, 2, "\(real)")
        await pair.shutdown()
    }
}
