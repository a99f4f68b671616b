import Foundation
import WeirTestSupport
import XCTest

/// `haproxy -W`: the master stays, SIGUSR2 starts a new worker that takes
/// over without a failed request, a configuration that does not load keeps
/// the current worker, and the current worker dying ends the master with
/// its status, as haproxy 2.6's master does.
final class MasterWorkerTests: XCTestCase {
    private func count(_ text: String, in output: String) -> Int { output.components(separatedBy: text).count - 1 }

    private func waitFor(_ text: String, times: Int, in master: BackgroundProcess) -> Bool {
        let deadline = Date().addingTimeInterval(15)
        while Date() < deadline {
            if count(text, in: master.output) >= times { return true }
            usleep(50_000)
        }
        return false
    }

    func testReloadsOnSIGUSR2AndStopsWithItsWorker() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("weir-mworker-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let port = Loopback.freePort()
        let backend = try AnsweringBackend(directory: directory)
        defer { backend.stop() }
        let backendPort = backend.port

        let config = directory.appendingPathComponent("proxy.cfg").path
        let good = """
            global
                nbthread 1
            defaults
                mode http
                timeout connect 1s
                timeout client 5s
                timeout server 5s
            frontend web
                bind 127.0.0.1:\(port)
                default_backend app
            backend app
                server s1 127.0.0.1:\(backendPort)

            """
        try good.write(toFile: config, atomically: true, encoding: .utf8)
        let pidFile = directory.appendingPathComponent("master.pid").path
        let master = try BackgroundProcess(WeirProcess.binary.path, ["haproxy", "-W", "-f", config, "-p", pidFile])
        defer { master.stop(signal: SIGKILL) }
        XCTAssertTrue(waitFor("Loading success.", times: 1, in: master), master.output)
        XCTAssertEqual(try String(contentsOfFile: pidFile, encoding: .utf8), "\(master.process.processIdentifier)\n")

        let load = RequestLoad(port: port, clients: 2, limit: 60)
        var loadStopped = false
        defer { if !loadStopped { load.stop() } }
        for round in 1...3 {
            kill(master.process.processIdentifier, SIGUSR2)
            XCTAssertTrue(waitFor("Loading success.", times: round + 1, in: master), master.output)
            XCTAssertTrue(waitFor("Former worker", times: round, in: master), master.output)
        }
        try "frontend web\n    bind 127.0.0.1:\(port)\n    default_backend missing\n".write(toFile: config, atomically: true, encoding: .utf8)
        kill(master.process.processIdentifier, SIGUSR2)
        XCTAssertTrue(waitFor("Loading failure!", times: 1, in: master), master.output)
        usleep(300_000)
        load.stop()
        loadStopped = true
        XCTAssertEqual(load.failures, [], load.summary)
        XCTAssertGreaterThan(load.succeeded, 50)

        // The current worker killed: the master reports it and exits with its status.
        let worker = try XCTUnwrap(master.output.components(separatedBy: "New worker (").last?.prefix { $0.isNumber })
        kill(try XCTUnwrap(Int32(worker)), SIGKILL)
        master.process.waitUntilExit()
        XCTAssertEqual(master.process.terminationStatus, 137, master.output)
        XCTAssertTrue(master.output.contains("Current worker (\(worker)) exited with code 137 (Killed)"), master.output)
        XCTAssertTrue(master.output.contains("exit-on-failure: killing every processes with SIGTERM"), master.output)
    }
}
