import Foundation
import WeirTestSupport
import XCTest

/// `close-spread-time` beside the real haproxy 2.6: idle keep-alive connections open when a soft stop
/// (SIGUSR1) begins close at once without it, spread over the window with it, and not at all with `infinite`,
/// where a request on such a connection is still answered without `Connection: close`.
final class CloseSpreadTimeTests: XCTestCase {
    private var directory: URL!
    private var backend: AnsweringBackend!

    override func setUpWithError() throws {
        guard Programs.path("haproxy") != nil else { throw XCTSkip("haproxy 2.6 is needed as the reference (install haproxy)") }
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("weir-spread-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        backend = try AnsweringBackend(directory: directory)
    }

    override func tearDownWithError() throws {
        backend?.stop()
        if let directory { try? FileManager.default.removeItem(at: directory) }
    }

    /// Ten connections; how long after the stop each one closed (nil: still open after 3.5 s).
    private func closeTimes(_ program: String, spread: String?, requestAfterStop: Bool = false) throws -> (times: [Double?], answer: String) {
        let port = Loopback.freePort()
        let config = directory.appendingPathComponent("\(program)-\(port).cfg")
        try """
            global
                nbthread 1
            \(spread.map { "    close-spread-time \($0)" } ?? "")
            defaults
                mode http
                timeout connect 1s
                timeout client 30s
                timeout server 30s
                timeout http-keep-alive 30s
            frontend web
                bind 127.0.0.1:\(port)
                default_backend app
            backend app
                server s1 127.0.0.1:\(backend.port)

            """.write(to: config, atomically: true, encoding: .utf8)
        let process = program == "haproxy"
            ? try BackgroundProcess(try XCTUnwrap(Programs.path("haproxy")), ["-db", "-f", config.path])
            : try BackgroundProcess(try WeirProcess.binary.path, ["run", config.path])
        defer { process.stop(signal: SIGKILL) }
        XCTAssertTrue(Loopback.waitForListener(port: port), process.output)
        let sockets = (0..<10).compactMap { _ in Loopback.connect(port: port) }
        defer { sockets.forEach { close($0) } }
        guard sockets.count == 10 else {
            XCTFail("\(program) accepted \(sockets.count) of 10 connections: \(process.output)")
            return ([], "")
        }
        for socket in sockets {
            Loopback.send(socket, "GET / HTTP/1.1\r\nHost: x\r\n\r\n")
            XCTAssertTrue(AnsweringBackend.answered(Loopback.readUntil(socket, AnsweringBackend.body, seconds: 5)))
        }
        let stopped = Date()
        kill(process.process.processIdentifier, SIGUSR1)
        var answer = ""
        if requestAfterStop {
            usleep(300_000)
            Loopback.send(sockets[0], "GET / HTTP/1.1\r\nHost: x\r\n\r\n")
            answer = Loopback.readUntil(sockets[0], AnsweringBackend.body, seconds: 5)
        }
        var times = [Double?](repeating: nil, count: sockets.count)
        var buffer = [UInt8](repeating: 0, count: 4096)
        while Date().timeIntervalSince(stopped) < 3.5, times.contains(where: { $0 == nil }) {
            for (index, socket) in sockets.enumerated() where times[index] == nil {
                let count = recv(socket, &buffer, buffer.count, Int32(MSG_DONTWAIT))
                if count == 0 || (count < 0 && errno != EAGAIN && errno != EWOULDBLOCK) {
                    times[index] = Date().timeIntervalSince(stopped)
                }
            }
            usleep(20_000)
        }
        return (times, answer)
    }

    func testWithoutItIdleConnectionsCloseAtOnce() throws {
        for program in ["haproxy", "weir"] {
            let times = try closeTimes(program, spread: nil).times.compactMap { $0 }
            XCTAssertEqual(times.count, 10, "\(program): all closed")
            XCTAssertLessThan(times.max() ?? 9, 0.8, "\(program): at once after the stop: \(times)")
        }
    }

    func testAWindowSpreadsTheClosing() throws {
        for program in ["haproxy", "weir"] {
            let times = try closeTimes(program, spread: "2s").times.compactMap { $0 }
            XCTAssertEqual(times.count, 10, "\(program): all closed within the window: \(times)")
            // Ten uniform draws over 2 s: all in the first or the last 0.6 s has a chance below one in 10^5.
            XCTAssertGreaterThan(times.max() ?? 0, 0.6, "\(program): spread over the window: \(times)")
            XCTAssertLessThan(times.min() ?? 9, 1.4, "\(program): spread over the window: \(times)")
            XCTAssertLessThan(times.max() ?? 9, 2.8, "\(program): within the window: \(times)")
        }
    }

    func testInfiniteLeavesThemOpenAndAnswered() throws {
        for program in ["haproxy", "weir"] {
            let (times, answer) = try closeTimes(program, spread: "infinite", requestAfterStop: true)
            XCTAssertEqual(times.compactMap { $0 }, [], "\(program): none closed by the stop")
            XCTAssertTrue(AnsweringBackend.answered(answer), "\(program): \(answer)")
            XCTAssertFalse(answer.lowercased().contains("connection: close"), "\(program) keeps it open: \(answer)")
        }
    }
}
