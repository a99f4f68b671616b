import Foundation
import WeirTestSupport
import XCTest
#if canImport(Glibc)
import Glibc
#endif

/// Idle keep-alive connections leave their channels after the parking delay
/// (100 ms) and come back when the client sends again, over real sockets:
/// the next request is answered on the same connection, `timeout
/// http-keep-alive` still closes a parked connection, a parked connection
/// still counts toward `maxconn`, a client that closes while parked frees its
/// place, and a graceful stop closes parked connections at once.
final class IdleParkingTrafficTests: XCTestCase {
    private var harness: EngineHarness!
    private var port = 0

    override func setUp() async throws {
        harness = EngineHarness()
        port = Loopback.freePort()
    }

    override func tearDown() async throws {
        await harness.shutdown()
    }

    private func start(keepAlive: String = "10s", maxconn: Int? = nil) async throws {
        let backendPort = Loopback.freePort()
        try harness.startBackend("a", port: backendPort)
        try await harness.startEngine("""
            defaults
                mode http
                timeout connect 1s
                timeout client 5s
                timeout server 5s
                timeout http-keep-alive \(keepAlive)
            frontend f
                bind 127.0.0.1:\(port)
            \(maxconn.map { "    maxconn \($0)" } ?? "")
                default_backend b
            backend b
                server a 127.0.0.1:\(backendPort)

            """)
    }

    private func ask(_ fd: Int32, _ target: String) -> EngineHarness.Response {
        Loopback.send(fd, "GET \(target) HTTP/1.1\r\nHost: test.example\r\n\r\n")
        return EngineHarness.parse(Loopback.readUntil(fd, "peer-port", seconds: 3))
    }

    /// Waits until `condition` holds; at most `seconds`.
    private func eventually(_ seconds: Double, _ condition: () -> Bool) async -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if condition() { return true }
            try? await Task.sleep(nanoseconds: 20_000_000)
        }
        return condition()
    }

    private func closedByPeer(_ fd: Int32, seconds: Double) -> Bool {
        var timeout = timeval(tv_sec: Int(seconds), tv_usec: Int((seconds - Double(Int(seconds))) * 1_000_000))
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var byte: UInt8 = 0
        return recv(fd, &byte, 1, 0) == 0
    }

    func testAParkedConnectionServesItsNextRequest() async throws {
        try await start()
        let engine = try XCTUnwrap(harness.engine)
        let fd = try XCTUnwrap(Loopback.connect(port: port))
        defer { close(fd) }
        XCTAssertEqual(ask(fd, "/one").status, 200)
        let parked = await eventually(2) { engine.parkedConnections == 1 }
        XCTAssertTrue(parked, "the idle connection was not parked")
        for round in 0..<3 {
            let response = ask(fd, "/again\(round)")
            XCTAssertEqual(response.status, 200, response.raw)
            XCTAssertEqual(response.server, "a")
            let parkedAgain = await eventually(2) { engine.parkedConnections == 1 }
            XCTAssertTrue(parkedAgain, "round \(round)")
        }
    }

    func testKeepAliveTimeoutClosesAParkedConnection() async throws {
        try await start(keepAlive: "600ms")
        let engine = try XCTUnwrap(harness.engine)
        let fd = try XCTUnwrap(Loopback.connect(port: port))
        defer { close(fd) }
        XCTAssertEqual(ask(fd, "/").status, 200)
        let parked = await eventually(2) { engine.parkedConnections == 1 }
        XCTAssertTrue(parked)
        XCTAssertTrue(closedByPeer(fd, seconds: 3), "the parked connection outlived timeout http-keep-alive")
        XCTAssertEqual(engine.parkedConnections, 0)
    }

    func testAParkedConnectionHoldsItsMaxconnPlace() async throws {
        try await start(maxconn: 1)
        let engine = try XCTUnwrap(harness.engine)
        let first = try XCTUnwrap(Loopback.connect(port: port))
        XCTAssertEqual(ask(first, "/").status, 200)
        let parked = await eventually(2) { engine.parkedConnections == 1 }
        XCTAssertTrue(parked)
        // The second connection waits in the accept queue while the parked one holds the only place.
        let second = try XCTUnwrap(Loopback.connect(port: port))
        defer { close(second) }
        Loopback.send(second, "GET /second HTTP/1.1\r\nHost: test.example\r\n\r\n")
        XCTAssertEqual(Loopback.readUntil(second, "peer-port", seconds: 0.8), "", "served beyond maxconn")
        // The client of the parked connection leaves: its place frees and the second is served.
        close(first)
        let answer = EngineHarness.parse(Loopback.readUntil(second, "peer-port", seconds: 3))
        XCTAssertEqual(answer.status, 200, answer.raw)
    }

    func testStopClosesParkedConnections() async throws {
        try await start()
        let engine = try XCTUnwrap(harness.engine)
        let fd = try XCTUnwrap(Loopback.connect(port: port))
        defer { close(fd) }
        XCTAssertEqual(ask(fd, "/").status, 200)
        let parked = await eventually(2) { engine.parkedConnections == 1 }
        XCTAssertTrue(parked)
        let started = Date()
        await harness.stopEngine()
        XCTAssertLessThan(Date().timeIntervalSince(started), 2, "the stop waited on a parked connection")
        XCTAssertTrue(closedByPeer(fd, seconds: 2))
    }
}
