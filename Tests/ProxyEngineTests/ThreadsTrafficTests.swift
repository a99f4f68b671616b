import ConfigDiagnostics
import Foundation
import HAProxyConfig
import NIOCore
@testable import ProxyEngine
import RuntimePlan
import RuntimePlanner
import WeirTestSupport
import XCTest

/// `nbthread` and `weir run --threads`: connections spread over the event
/// loops, and the limits that count them hold across loops.
final class ThreadsTrafficTests: XCTestCase {
    private var harness: EngineHarness!
    private var serverPort = 0

    override func tearDown() async throws {
        await harness?.shutdown()
    }

    private func config(global: String, port: Int) -> String {
        """
        global
        \(global)
        defaults
            mode http
            timeout connect 1s
            timeout client 5s
            timeout server 5s
        frontend f
            bind 127.0.0.1:\(port)
            default_backend pool
        backend pool
            server a 127.0.0.1:\(serverPort)

        """
    }

    func testConnectionsAreSpreadOverTheLoopsOfNbthread() async throws {
        harness = EngineHarness(threads: EngineHarness.environmentThreads == nil ? nil : 3)
        serverPort = Loopback.freePort()
        try harness.startBackend("a", port: serverPort)
        let port = Loopback.freePort()
        // Without parking: an idle connection parked outside its channel is on no loop (a loaded machine idles them).
        try await harness.startEngine(config(global: "    nbthread 3", port: port), idleParkingDelay: nil)
        let clients = (0..<6).compactMap { _ in Loopback.connect(port: port) }
        defer { clients.forEach { close($0) } }
        for fd in clients {
            Loopback.send(fd, "GET /hello HTTP/1.1\r\nHost: a\r\n\r\n")
            XCTAssertTrue(Loopback.readUntil(fd, "hello", seconds: 3).hasPrefix("HTTP/1.1 200"))
        }
        let tracker = try XCTUnwrap(harness.engine).engine.connections
        XCTAssertEqual(tracker.openCount, 6)
        let byLoop = await tracker.openCountByLoop()
        XCTAssertEqual(byLoop.values.sorted(), [2, 2, 2], "six connections on three loops")
    }

    func testThreadsComeFromTheOptionThenNbthreadThenTheCores() throws {
        let planned = try XCTUnwrap(Planner().plan(HAProxyReader().read([SourceFile(path: "t.cfg", text: config(global: "    nbthread 3", port: 8080))]).configuration).plan)
        XCTAssertEqual(planned.global.nbthread, 3)
        XCTAssertFalse(planned.unsupported.contains { $0.directive.hasPrefix("nbthread") })
        XCTAssertEqual(ProxyEngine.threadCount(for: planned), 3)
        XCTAssertEqual(ProxyEngine.threadCount(for: planned, override: 1), 1)
        XCTAssertEqual(ProxyEngine.threadCount(for: RuntimePlan()), System.coreCount)
    }

    func testWeirRunTakesNbthreadAndTheOptionOverridesIt() throws {
        let weir = try ProductionConfigTrafficTests.weirBinary()
        serverPort = Loopback.freePort()
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("weir-threads-\(UUID().uuidString).cfg")
        defer { try? FileManager.default.removeItem(at: file) }
        for (arguments, expected) in [([String](), "[weir] 2 event-loop threads"), (["--threads", "1"], "[weir] 1 event-loop thread\n")] {
            let port = Loopback.freePort()
            try config(global: "    nbthread 2", port: port).write(to: file, atomically: true, encoding: .utf8)
            let run = try BackgroundProcess(weir.path, ["run"] + arguments + [file.path])
            XCTAssertTrue(Loopback.waitForListener(port: port), run.output)
            kill(run.process.processIdentifier, SIGTERM)
            run.process.waitUntilExit()
            XCTAssertTrue(run.output.contains(expected), run.output)
        }
    }
}
