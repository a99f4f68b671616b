import Foundation
import WeirTestSupport
import XCTest

/// The rate and timing columns of `show stat` (`rate`, `req_rate`,
/// `conn_rate` and their peaks, `lastsess`, the averages and peaks of the
/// queue, connect, response and total times, `check_duration`) after the
/// same requests through the real haproxy 2.6 and through the engine: the
/// counts agree within one, the times within a few milliseconds.
final class StatRatesDifferentialTests: XCTestCase {
    typealias Pair = RuntimeSocketDifferentialTests.Pair

    /// The values of `columns` on the row `proxy`/`row` of a `show stat` answer.
    private func values(_ csv: String, _ proxy: String, _ row: String, _ columns: [String]) throws -> [String: Int] {
        let lines = csv.components(separatedBy: "\n")
        let header = try XCTUnwrap(lines.first).dropFirst(2).components(separatedBy: ",")
        let fields = try XCTUnwrap(lines.map { $0.components(separatedBy: ",") }.first { $0.count > 1 && $0[0] == proxy && $0[1] == row },
                                   "no row \(proxy)/\(row) in\n\(csv)")
        var result: [String: Int] = [:]
        for column in columns {
            let index = try XCTUnwrap(header.firstIndex(of: column), column)
            result[column] = try XCTUnwrap(Int(fields[index]), "\(proxy)/\(row) \(column) is '\(fields[index])'")
        }
        return result
    }

    private func assertClose(_ engine: [String: Int], _ haproxy: [String: Int], within tolerance: Int, _ row: String,
                             file: StaticString = #filePath, line: UInt = #line) {
        for (column, expected) in haproxy {
            let actual = engine[column] ?? Int.min
            XCTAssertLessThanOrEqual(abs(actual - expected), tolerance, "\(row) \(column): engine \(actual), haproxy \(expected)",
                                     file: file, line: line)
        }
    }

    func testRatesAndTimesMatchHAProxyAfterTheSameRequests() async throws {
        let pair = try await Pair(serverOptions: " check inter 300ms")
        defer { Task { await pair.shutdown() } }
        // Both sides answer a first check before the traffic, so that `check_duration` is filled.
        try await Task.sleep(nanoseconds: 700_000_000)
        // Six requests each, interleaved so that both sides see them within the same second; the server waits 40 ms.
        for _ in 0..<6 {
            XCTAssertEqual(EngineHarness.request(port: pair.enginePort, "/slow?ms=40").status, 200)
            XCTAssertEqual(EngineHarness.request(port: pair.haproxyPort, "/slow?ms=40").status, 200)
        }
        let (haproxy, engine) = pair.ask("show stat")
        let rates = ["rate", "rate_max", "req_rate", "req_rate_max", "conn_rate", "conn_rate_max"]
        let frontend = try (values(engine, "fe", "FRONTEND", rates), values(haproxy, "fe", "FRONTEND", rates))
        XCTAssertEqual(frontend.1["rate"], 6, "haproxy's own reading: \(haproxy)")
        assertClose(frontend.0, frontend.1, within: 1, "fe/FRONTEND")
        for row in ["app01", "app02", "BACKEND"] {
            let counts = ["rate", "rate_max", "lastsess"]
            try assertClose(values(engine, "app", row, counts), values(haproxy, "app", row, counts), within: 1, "app/\(row)")
            let times = ["qtime", "ctime", "qtime_max", "ctime_max"]
            try assertClose(values(engine, "app", row, times), values(haproxy, "app", row, times), within: 3, "app/\(row)")
            // The server's 40 ms are in the response and total times of both.
            let slow = ["rtime", "ttime", "rtime_max", "ttime_max"]
            let engineSlow = try values(engine, "app", row, slow), haproxySlow = try values(haproxy, "app", row, slow)
            XCTAssertGreaterThanOrEqual(engineSlow["rtime"] ?? 0, 40, "app/\(row) rtime")
            assertClose(engineSlow, haproxySlow, within: 10, "app/\(row)")
        }
        for server in ["app01", "app02"] {
            let check = ["check_duration"]
            try assertClose(values(engine, "app", server, check), values(haproxy, "app", server, check), within: 3, server)
        }
    }

    func testUnusedRowsReadAsHAProxysDo() async throws {
        let pair = try await Pair()
        defer { Task { await pair.shutdown() } }
        let (haproxy, engine) = pair.ask("show stat")
        let columns = ["rate", "rate_max", "lastsess", "qtime", "ctime", "rtime", "ttime", "ttime_max"]
        for row in ["app01", "BACKEND"] {
            let expected = try values(haproxy, "app", row, columns)
            XCTAssertEqual(expected["lastsess"], -1)
            XCTAssertEqual(try values(engine, "app", row, columns), expected, row)
        }
    }
}
