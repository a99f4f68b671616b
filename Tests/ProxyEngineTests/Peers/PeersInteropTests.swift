import Foundation
@testable import ProxyEngine
import WeirTestSupport
import XCTest

/// The real haproxy 2.6 (peer A) and the engine (peer B) share a stick
/// table over the peers protocol on 127.0.0.1: an entry and a rate counter
/// set on one side's runtime socket show on the other's within a second,
/// each way, and again after each of them restarts (the restarted one
/// learns the whole table in a full resync).
final class PeersInteropTests: XCTestCase {
    static func config(local: String, peerPorts: (Int, Int), socket: String) -> String {
        """
        global
            localpeer \(local)
            stats socket \(socket) level admin
        peers mesh
            peer A 127.0.0.1:\(peerPorts.0)
            peer B 127.0.0.1:\(peerPorts.1)
            table shared type string len 40 size 1k expire 5m store gpc0,http_req_cnt
        backend st
            stick-table type ip size 1k expire 1m store gpc0,conn_cur,http_req_rate(10s) peers mesh

        """
    }

    /// The peers of one test: haproxy as A, the engine as B, each with an admin socket.
    final class Mesh {
        let peerPorts = (Loopback.freePort(), Loopback.freePort())
        let directory: URL
        let haproxySocket: String
        let engineSocket: String
        let haproxyPath: String
        var haproxy: BackgroundProcess?
        let harness = EngineHarness()

        init() throws {
            haproxyPath = try XCTUnwrap(Programs.path("haproxy"), "haproxy is not installed (bash .ci/run installs it)")
            directory = FileManager.default.temporaryDirectory.appendingPathComponent("weir-peers-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            haproxySocket = directory.appendingPathComponent("a.sock").path
            engineSocket = directory.appendingPathComponent("b.sock").path
        }

        func startHAProxy() throws {
            let file = directory.appendingPathComponent("a.cfg")
            try PeersInteropTests.config(local: "A", peerPorts: peerPorts, socket: haproxySocket)
                .write(to: file, atomically: true, encoding: .utf8)
            haproxy = try BackgroundProcess(haproxyPath, ["-db", "-f", file.path])
            XCTAssertTrue(CLIClient.waitForSocket(haproxySocket), haproxy?.output ?? "")
        }

        func startEngine() async throws {
            try await harness.startEngine(PeersInteropTests.config(local: "B", peerPorts: peerPorts, socket: engineSocket))
            XCTAssertTrue(CLIClient.waitForSocket(engineSocket))
        }

        func ask(_ socket: String, _ command: String) -> String { CLIClient.send(path: socket, command) }

        /// Polls `show table` on `socket` until a line holds every word of `expected`; the seconds it took, nil on timeout.
        func waitFor(_ socket: String, table: String, _ expected: [String], seconds: Double) -> Double? {
            let start = Date()
            while Date().timeIntervalSince(start) < seconds {
                let lines = ask(socket, "show table \(table)").split(separator: "\n")
                if lines.contains(where: { line in expected.allSatisfy { line.split(separator: " ").contains(Substring($0)) } }) {
                    return Date().timeIntervalSince(start)
                }
                usleep(20_000)
            }
            return nil
        }

        func shutdown() async {
            haproxy?.stop()
            await harness.shutdown()
            try? FileManager.default.removeItem(at: directory)
        }
    }

    /// Sets an entry on `from` and expects it on `to` within a second, in both tables.
    private func expectSync(_ mesh: Mesh, from: String, to: String, key: String, gpc0: Int, rate: Int,
                            file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(mesh.ask(from, "set table st key \(key) data.gpc0 \(gpc0) data.http_req_rate \(rate)"), "\n",
                       file: file, line: line)
        let seen = mesh.waitFor(to, table: "st", ["key=\(key)", "gpc0=\(gpc0)", "http_req_rate(10000)=\(rate)"], seconds: 1)
        XCTAssertNotNil(seen, "\(key) not on the other peer within 1 s: \(mesh.ask(to, "show table st"))", file: file, line: line)
        XCTAssertEqual(mesh.ask(from, "set table mesh/shared key user-\(key) data.gpc0 \(gpc0)"), "\n", file: file, line: line)
        XCTAssertNotNil(mesh.waitFor(to, table: "mesh/shared", ["key=user-\(key)", "gpc0=\(gpc0)"], seconds: 1),
                        "user-\(key): \(mesh.ask(to, "show table mesh/shared"))", file: file, line: line)
    }

    /// Waits for the two peers to be connected: a probe entry set on A reaches B.
    private func waitConnected(_ mesh: Mesh, probe: String) {
        _ = mesh.ask(mesh.haproxySocket, "set table st key \(probe) data.gpc0 1")
        XCTAssertNotNil(mesh.waitFor(mesh.engineSocket, table: "st", ["key=\(probe)"], seconds: 15),
                        "the peers never connected: \(mesh.haproxy?.output ?? "")")
    }

    func testEntriesAndRatesSyncBothWaysAndAfterRestarts() async throws {
        let mesh = try Mesh()
        try mesh.startHAProxy()
        try await mesh.startEngine()
        waitConnected(mesh, probe: "10.9.9.1")
        expectSync(mesh, from: mesh.haproxySocket, to: mesh.engineSocket, key: "10.0.0.1", gpc0: 5, rate: 7)
        expectSync(mesh, from: mesh.engineSocket, to: mesh.haproxySocket, key: "10.0.0.2", gpc0: 9, rate: 3)

        // haproxy restarts: it learns the whole table from the engine, then both ways work again.
        mesh.haproxy?.stop()
        try mesh.startHAProxy()
        for key in ["10.0.0.1", "10.0.0.2"] {
            XCTAssertNotNil(mesh.waitFor(mesh.haproxySocket, table: "st", ["key=\(key)"], seconds: 15),
                            "the restarted haproxy did not learn \(key): \(mesh.ask(mesh.haproxySocket, "show table st"))")
        }
        XCTAssertNotNil(mesh.waitFor(mesh.haproxySocket, table: "mesh/shared", ["key=user-10.0.0.2", "gpc0=9"], seconds: 5))
        expectSync(mesh, from: mesh.haproxySocket, to: mesh.engineSocket, key: "10.0.0.3", gpc0: 11, rate: 4)
        expectSync(mesh, from: mesh.engineSocket, to: mesh.haproxySocket, key: "10.0.0.4", gpc0: 12, rate: 6)

        // The engine restarts: it learns the whole table from haproxy.
        await mesh.harness.stopEngine()
        try await mesh.startEngine()
        for key in ["10.0.0.1", "10.0.0.2", "10.0.0.3", "10.0.0.4"] {
            XCTAssertNotNil(mesh.waitFor(mesh.engineSocket, table: "st", ["key=\(key)"], seconds: 15),
                            "the restarted engine did not learn \(key): \(mesh.ask(mesh.engineSocket, "show table st"))")
        }
        expectSync(mesh, from: mesh.haproxySocket, to: mesh.engineSocket, key: "10.0.0.5", gpc0: 13, rate: 2)
        expectSync(mesh, from: mesh.engineSocket, to: mesh.haproxySocket, key: "10.0.0.6", gpc0: 14, rate: 8)
        await mesh.shutdown()
    }
}
