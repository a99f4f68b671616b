import Foundation
import WeirTestSupport
import XCTest

/// The engine's runtime API changing real traffic: a server drained or put
/// in maintenance over the socket stops receiving requests, and takes them
/// again when made ready; `set maxconn frontend` and a TCP socket.
final class RuntimeSocketTrafficTests: XCTestCase {
    func testDrainOverTheSocketStopsTrafficToTheServer() async throws {
        let harness = EngineHarness()
        let port = Loopback.freePort(), ports = [Loopback.freePort(), Loopback.freePort()]
        let cliPort = Loopback.freePort()
        let socket = FileManager.default.temporaryDirectory.appendingPathComponent("weir-drain-\(UUID().uuidString).sock").path
        defer { try? FileManager.default.removeItem(atPath: socket) }
        try harness.startBackend("app01", port: ports[0])
        try harness.startBackend("app02", port: ports[1])
        try await harness.startEngine("""
            global
                stats socket \(socket) level admin
                stats socket ipv4@127.0.0.1:\(cliPort) level user
            defaults
                mode http
                timeout connect 1s
                timeout client 5s
                timeout server 5s
            frontend fe
                bind 127.0.0.1:\(port)
                default_backend app
            backend app
                server app01 127.0.0.1:\(ports[0])
                server app02 127.0.0.1:\(ports[1])

            """)
        defer { Task { await harness.shutdown() } }
        func servers(_ count: Int) -> [String] { (0..<count).map { _ in EngineHarness.request(port: port, "/").server } }
        XCTAssertEqual(Set(servers(4)), ["app01", "app02"])

        XCTAssertEqual(CLIClient.send(path: socket, "set server app/app01 state drain"), "\n")
        XCTAssertEqual(Set(servers(6)), ["app02"], "a drained server gets no new request")
        XCTAssertTrue(CLIClient.send(path: socket, "show stat").contains("\napp,app01,0,0,0,1,,2,"), "stot stays at 2 while drained")
        XCTAssertTrue(CLIClient.send(path: socket, "show stat").contains(",DRAIN,1,1,0,"))

        XCTAssertEqual(CLIClient.send(path: socket, "set server app/app01 state maint"), "\n")
        XCTAssertEqual(Set(servers(4)), ["app02"])
        XCTAssertEqual(CLIClient.send(path: socket, "set server app/app01 state ready"), "\n")
        XCTAssertEqual(Set(servers(4)), ["app01", "app02"])

        // `set server … addr` moves a server: app01's requests now reach the process on app02's port.
        let moved = CLIClient.send(path: socket, "set server app/app01 addr 127.0.0.1 port \(ports[1])")
        XCTAssertEqual(moved, "port changed from '\(ports[0])' to '\(ports[1])' by 'stats socket command'\n\n")
        XCTAssertEqual(Set(servers(4)), ["app02"])
        XCTAssertTrue(CLIClient.send(path: socket, "show servers state").contains(" app01 127.0.0.1 2 0 1 1 "))
        _ = CLIClient.send(path: socket, "set server app/app01 addr 127.0.0.1 port \(ports[0])")
        XCTAssertEqual(Set(servers(4)), ["app01", "app02"])

        // Weight 0 takes a server out as well; the TCP socket at level user may read but not change.
        XCTAssertEqual(CLIClient.send(path: socket, "set server app/app02 weight 0"), "\n")
        XCTAssertEqual(Set(servers(4)), ["app01"])
        XCTAssertEqual(CLIClient.send(port: cliPort, "set server app/app02 weight 1"), "Permission denied\n\n")
        XCTAssertTrue(CLIClient.send(port: cliPort, "show stat").hasPrefix("# pxname,svname,"))
    }

    func testStatsSocketLinesAreRunNotListedUnsupported() async throws {
        let harness = EngineHarness()
        let socket = FileManager.default.temporaryDirectory.appendingPathComponent("weir-plan-\(UUID().uuidString).sock").path
        defer { try? FileManager.default.removeItem(atPath: socket) }
        try await harness.startEngine("""
            global
                stats socket \(socket) mode 600 level operator expose-fd listeners
                stats timeout 2s
            defaults
                mode http
            frontend fe
                bind 127.0.0.1:\(Loopback.freePort())

            """)
        defer { Task { await harness.shutdown() } }
        let plan = try XCTUnwrap(harness.plan)
        XCTAssertEqual(plan.unsupported.map(\.directive), [])
        XCTAssertEqual(plan.global.statsSockets?.first?.level, .operator)
        XCTAssertEqual(plan.global.statsTimeoutMs, 2000)
        let attributes = try FileManager.default.attributesOfItem(atPath: socket)
        XCTAssertEqual((attributes[.posixPermissions] as? NSNumber)?.intValue, 0o600)
        XCTAssertEqual(CLIClient.send(path: socket, "show backend"), "# name\n\n")
    }
}
