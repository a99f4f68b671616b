import Foundation
@testable import ProxyEngine
import WeirTestSupport
import XCTest

/// `show|clear|set table` over the runtime socket, against the real
/// haproxy 2.6 on the same configuration: the same answers (apart from entry
/// addresses and `exp`), at the admin and at the user level.
final class RuntimeSocketTableTests: XCTestCase {
    static func config(_ directory: URL, name: String) -> String {
        """
        global
            stats socket \(directory.appendingPathComponent("\(name)-admin.sock").path) level admin
            stats socket \(directory.appendingPathComponent("\(name)-user.sock").path) level user
        backend fe
            stick-table type ip size 1k expire 1m store gpc0,conn_cnt,http_req_rate(10s)
        backend names
            stick-table type string len 16 size 1k store gpc0

        """
    }

    func testTableCommandsOnTheSocketAnswerAsHAProxy() async throws {
        let haproxyPath = try XCTUnwrap(Programs.path("haproxy"), "haproxy is not installed (bash .ci/run installs it)")
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("weir-cli-tables-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let file = directory.appendingPathComponent("haproxy.cfg")
        try Self.config(directory, name: "haproxy").write(to: file, atomically: true, encoding: .utf8)
        let haproxy = try BackgroundProcess(haproxyPath, ["-db", "-f", file.path])
        let harness = EngineHarness()
        try await harness.startEngine(Self.config(directory, name: "engine"))
        func socket(_ name: String, _ level: String) -> String { directory.appendingPathComponent("\(name)-\(level).sock").path }
        XCTAssertTrue(CLIClient.waitForSocket(socket("haproxy", "admin")), haproxy.output)
        XCTAssertTrue(CLIClient.waitForSocket(socket("engine", "admin")))

        let commands: [(String, String)] = [
            ("admin", "set table fe key 10.0.0.1 data.gpc0 3 data.http_req_rate 5"),
            ("admin", "set table fe key 10.0.0.2 data.gpc0 8"),
            ("admin", "set table names key alice data.gpc0 1"),
            ("admin", "show table"), ("admin", "show table fe"), ("admin", "show table fe data.gpc0 gt 4"),
            ("admin", "show table fe key 10.0.0.1"), ("admin", "show table names key alice"), ("admin", "show table nope"),
            ("admin", "show table fe data.gpc1 eq 1"), ("admin", "set table fe key 10.0.0.3 data.nope 1"),
            ("user", "show table"), ("user", "show table fe"), ("user", "show table fe key 10.0.0.1"),
            ("user", "set table fe key 10.0.0.9 data.gpc0 1"), ("user", "clear table fe"), ("user", "clear table fe key 10.0.0.2"),
            ("user", "show table fe data.gpc0 gt 1"), ("user", "clear table nope"),
            ("admin", "clear table fe key 10.0.0.1"), ("admin", "show table fe"),
            ("admin", "clear table fe"), ("admin", "show table fe"), ("admin", "show table"),
        ]
        for (level, command) in commands {
            let real = TablePair.normalized(CLIClient.send(path: socket("haproxy", level), command))
            let ours = TablePair.normalized(CLIClient.send(path: socket("engine", level), command))
            XCTAssertEqual(ours, real, "\(level): \(command)")
        }
        haproxy.stop()
        await harness.shutdown()
        try? FileManager.default.removeItem(at: directory)
    }
}
