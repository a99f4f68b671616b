import Foundation
import WeirTestSupport
import XCTest

/// The listen queue of each socket, as `ss` reports it (the Send-Q of a listening socket), on the real
/// haproxy 2.6 and on the engine for the same configuration: the bind's `backlog`, else the frontend's
/// `backlog`, else its `maxconn`, else the global `maxconn`; above `net.core.somaxconn` the kernel cuts it.
final class ListenBacklogDifferentialTests: XCTestCase {
    static func config(_ ports: [Int]) -> String {
        """
        global
            maxconn 700
        defaults
            mode http
            timeout connect 1s
            timeout client 5s
            timeout server 5s
        frontend by_maxconn
            maxconn 100
            bind 127.0.0.1:\(ports[0])
            http-request return status 200
        frontend by_backlog
            maxconn 100
            backlog 300
            bind 127.0.0.1:\(ports[1])
            http-request return status 200
        frontend by_bind
            backlog 300
            bind 127.0.0.1:\(ports[2]) backlog 200
            http-request return status 200
        frontend by_global
            bind 127.0.0.1:\(ports[3])
            http-request return status 200
        frontend past_somaxconn
            backlog 100000
            bind 127.0.0.1:\(ports[4])
            http-request return status 200

        """
    }

    func testListenQueuesMatchHAProxy() async throws {
        let haproxy = try XCTUnwrap(Programs.path("haproxy"), "haproxy is not installed (bash .ci/run installs it)")
        let ss = try XCTUnwrap(Programs.path("ss"), "ss (iproute2) is not installed")
        let haproxyPorts = (0..<5).map { _ in Loopback.freePort() }, enginePorts = (0..<5).map { _ in Loopback.freePort() }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("weir-backlog-\(UUID().uuidString).cfg")
        try Self.config(haproxyPorts).write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let reference = try BackgroundProcess(haproxy, ["-db", "-f", file.path])
        defer { reference.stop() }
        let harness = EngineHarness()
        try await harness.startEngine(Self.config(enginePorts))
        XCTAssertTrue(Loopback.waitForListener(port: haproxyPorts[4]), reference.output)
        let haproxyQueues = haproxyPorts.map { Self.listenQueue(ss, port: $0) }
        let engineQueues = enginePorts.map { Self.listenQueue(ss, port: $0) }
        await harness.shutdown()
        let somaxconn = (try? String(contentsOfFile: "/proc/sys/net/core/somaxconn", encoding: .utf8))
            .flatMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) } ?? 4096
        XCTAssertEqual(haproxyQueues, [100, 300, 200, 700, min(100_000, somaxconn)], "haproxy's queues")
        XCTAssertEqual(engineQueues, haproxyQueues, "the engine's listen queues differ from haproxy's")
    }

    /// The Send-Q column `ss -ltn` prints for the socket listening on `port` (its backlog); nil when there is none.
    private static func listenQueue(_ ss: String, port: Int) -> Int? {
        let output = (try? ToolRun.run(ss, ["-Hltn", "sport = :\(port)"]))?.output ?? ""
        let columns = output.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" })
        return columns.count > 2 ? Int(columns[2]) : nil
    }
}
