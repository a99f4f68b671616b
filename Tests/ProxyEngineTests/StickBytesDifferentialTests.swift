@testable import ProxyEngine
import XCTest

/// `bytes_in_*` and `bytes_out_*` of a tracked source after the same
/// requests through the real haproxy 2.6 and the engine. The engine counts
/// the bytes on the wire: what the client sent, exactly, and what went back
/// (the server's response as it came, the engine's own answers), before the
/// engine's header changes; haproxy counts the size of its internal HTX
/// messages, a few bytes off the wire per message, so the two agree within
/// 16 bytes a request.
final class StickBytesDifferentialTests: XCTestCase {
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
            stick-table type ip size 1k expire 60s store bytes_in_cnt,bytes_in_rate(10s),bytes_out_cnt,bytes_out_rate(10s)
            http-request track-sc0 src
            http-request deny deny_status 403 if { path /deny }
            default_backend app
        backend app
            server s1 127.0.0.1:\(servers[0])

        """
    }

    /// The four counters of the one entry of `show table` text.
    private func counters(_ text: String) -> [String: Int] {
        let line = text.split(separator: "\n").last ?? ""
        return Dictionary(uniqueKeysWithValues: line.split(separator: " ").compactMap { word -> (String, Int)? in
            let parts = word.split(separator: "=")
            guard parts.count == 2, parts[0].hasPrefix("bytes_"), let value = Int(parts[1]) else { return nil }
            return (String(parts[0]), value)
        })
    }

    func testByteCountersCountTheWireAndAgreeWithHAProxy() async throws {
        let pair = try await TablePair(servers: ["s1"], Self.config)
        var sent = 0, received = 0
        let paths = ["/", "/a-longer-path?with=query", "/deny"]
        for path in paths {
            let request = "GET \(path) HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n"
            _ = ProxyPair.send(Array(request.utf8), port: pair.haproxyPort, settle: 1)
            let (answer, _) = ProxyPair.send(Array(request.utf8), port: pair.enginePort, settle: 1)
            sent += request.utf8.count
            received += answer.utf8.count
        }
        let ours = counters(StickTableDump.dump(try XCTUnwrap(pair.tables()["fe"])))
        let real = counters(pair.ask("show table fe\n"))
        XCTAssertEqual(ours["bytes_in_cnt"], sent)
        XCTAssertLessThanOrEqual(ours["bytes_out_cnt"] ?? .max, received)
        XCTAssertGreaterThan(ours["bytes_out_cnt"] ?? 0, received - 19 * paths.count, "at most a connection header added a message")
        XCTAssertEqual(ours["bytes_in_rate(10000)"], sent, "all within the period")
        XCTAssertEqual(ours["bytes_out_rate(10000)"], ours["bytes_out_cnt"])
        for name in ["bytes_in_cnt", "bytes_out_cnt", "bytes_in_rate(10000)", "bytes_out_rate(10000)"] {
            let difference = abs((ours[name] ?? 0) - (real[name] ?? -1_000))
            XCTAssertLessThanOrEqual(difference, 16 * paths.count, "\(name): engine \(ours), haproxy \(real)")
        }
        await pair.shutdown()
    }
}
