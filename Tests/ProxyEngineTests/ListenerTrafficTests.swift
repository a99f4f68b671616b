import Foundation
import WeirTestSupport
import XCTest

/// Listeners: IPv6, frontend `maxconn`, request bodies, and `weir run`
/// stopping on SIGTERM.
final class ListenerTrafficTests: XCTestCase {
    private var harness: EngineHarness!
    private var serverPort = 0

    override func setUp() async throws {
        harness = EngineHarness()
        serverPort = Loopback.freePort()
        try harness.startBackend("a", port: serverPort)
    }

    override func tearDown() async throws {
        await harness.shutdown()
    }

    private func config(bind: String, frontend: String = "") -> String {
        """
        defaults
            mode http
            timeout connect 1s
            timeout client 5s
            timeout server 5s
        frontend f
            bind \(bind)
        \(frontend)
            default_backend pool
        backend pool
            server a 127.0.0.1:\(serverPort)

        """
    }

    func testIPv6AndIPv4BindsOfOneFrontend() async throws {
        let port4 = Loopback.freePort(), port6 = Loopback.freePort()
        try await harness.startEngine(config(bind: "127.0.0.1:\(port4)\n    bind [::1]:\(port6)"))
        let fd = try XCTUnwrap(Loopback.connectIPv6(port: port6), "nothing listens on [::1]:\(port6)")
        defer { close(fd) }
        Loopback.send(fd, "GET / HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n")
        let response = EngineHarness.parse(Loopback.readAll(fd, seconds: 3))
        XCTAssertEqual(response.status, 200)
        XCTAssertEqual(EngineHarness.request(port: port4, "/").status, 200)
    }

    func testFrontendMaxconnHoldsTheNextConnectionUntilOneCloses() async throws {
        let port = Loopback.freePort()
        try await harness.startEngine(config(bind: "127.0.0.1:\(port)", frontend: "    maxconn 1"))
        try assertWaits(on: port, whileAConnectionIsOpenOn: port, "not accepted while the first is open")
    }

    /// Opens a connection to `heldPort` and gets one answer on it, then checks
    /// that a request to `waitingPort` gets none while that connection is open
    /// and is answered once it closes.
    private func assertWaits(on waitingPort: Int, whileAConnectionIsOpenOn heldPort: Int, _ reason: String) throws {
        let held = try XCTUnwrap(Loopback.connect(port: heldPort))
        Loopback.send(held, "GET /hello HTTP/1.1\r\nHost: a\r\n\r\n")
        XCTAssertTrue(Loopback.readUntil(held, "hello", seconds: 3).hasPrefix("HTTP/1.1 200"))
        let waiting = try XCTUnwrap(Loopback.connect(port: waitingPort), "the kernel still queues the connection")
        defer { close(waiting) }
        Loopback.send(waiting, "GET /hello HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n")
        XCTAssertEqual(Loopback.readUntil(waiting, "hello", seconds: 0.5), "", reason)
        close(held)
        XCTAssertTrue(Loopback.readUntil(waiting, "hello", seconds: 3).hasPrefix("HTTP/1.1 200"))
    }

    func testGlobalMaxconnCountsTheConnectionsOfEveryFrontend() async throws {
        let first = Loopback.freePort(), second = Loopback.freePort()
        try await harness.startEngine("global\n    maxconn 1\n" + config(bind: "127.0.0.1:\(first)")
            + "frontend g\n    bind 127.0.0.1:\(second)\n    default_backend pool\n")
        try assertWaits(on: second, whileAConnectionIsOpenOn: first, "not accepted while the process is at its limit")
    }

    func testRequestBodiesReachTheServer() async throws {
        let port = Loopback.freePort()
        try await harness.startEngine(config(bind: "127.0.0.1:\(port)"))
        let sized = Loopback.exchange(port: port, "POST /f HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\nConnection: close\r\n\r\nhello")
        XCTAssertTrue(sized.contains("body: hello\n"), sized)
        let chunked = Loopback.exchange(port: port, "POST /f HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n"
            + "Connection: close\r\n\r\n3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n")
        XCTAssertEqual(EngineHarness.parse(chunked).status, 200, chunked)
    }

    func testWeirRunStopsOnSIGTERM() throws {
        let weir = try ProductionConfigTrafficTests.weirBinary()
        let port = Loopback.freePort()
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("weir-run-\(UUID().uuidString).cfg")
        try config(bind: "127.0.0.1:\(port)").write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let run = try BackgroundProcess(weir.path, ["run", "--threads", "1", file.path])
        XCTAssertTrue(Loopback.waitForListener(port: port), run.output)
        XCTAssertEqual(EngineHarness.request(port: port, "/").status, 200)
        let output = run.output
        kill(run.process.processIdentifier, SIGTERM)
        run.process.waitUntilExit()
        XCTAssertEqual(run.process.terminationStatus, 0)
        XCTAssertTrue(output.contains("frontend f listening on 127.0.0.1:\(port)"), output)
        XCTAssertNil(Loopback.connect(port: port))
    }
}
