import Foundation
@testable import ProxyEngine
import WeirTestSupport
import XCTest
#if canImport(Glibc)
import Glibc
#endif

/// Source affinity (`stick on src`, Fixtures/article/10-peers.cfg without its
/// peers) and a tracked rate in the real haproxy 2.6 and in the engine: the
/// same servers, and the same `show table` lines apart from the entry's
/// address and the milliseconds left before it expires.
final class StickTableDifferentialTests: XCTestCase {
    static func config(_ port: Int, _ servers: [Int], socket: String?) -> String {
        """
        global
            nbthread 1
        \(socket.map { "    stats socket \($0) level admin" } ?? "")
        defaults
            mode http
            timeout connect 1s
            timeout client 5s
            timeout server 5s
        frontend fe
            bind 127.0.0.1:\(port)
            stick-table type ip size 100k expire 60s store http_req_cnt,http_req_rate(10s),conn_cnt,conn_cur,gpc0,http_err_cnt
            http-request track-sc1 src
            http-request sc-inc-gpc0(1) if { path /count }
            http-request deny if { path /deny }
            default_backend app
        backend app
            balance roundrobin
            stick-table type ip size 1m expire 30m
            stick on src
            server s1 127.0.0.1:\(servers[0])
            server s2 127.0.0.1:\(servers[1])

        """
    }

    func testSourceAffinityAndShowTableLinesMatchHAProxy() async throws {
        let haproxy = try XCTUnwrap(Programs.path("haproxy"), "haproxy is not installed (bash .ci/run installs it)")
        let servers = try ["s1", "s2"].map(CookiePersistenceDifferentialTests.server)
        defer { servers.forEach { $0.stop() } }
        let haproxyPort = Loopback.freePort(), enginePort = Loopback.freePort()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("weir-stick-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let socket = directory.appendingPathComponent("admin.sock").path
        let file = directory.appendingPathComponent("haproxy.cfg")
        try Self.config(haproxyPort, servers.map(\.port), socket: socket).write(to: file, atomically: true, encoding: .utf8)
        let reference = try BackgroundProcess(haproxy, ["-db", "-f", file.path])
        defer { reference.stop() }
        let harness = EngineHarness()
        try await harness.startEngine(Self.config(enginePort, servers.map(\.port), socket: nil))
        XCTAssertTrue(Loopback.waitForListener(port: haproxyPort), reference.output)
        var expected: [String] = [], actual: [String] = []
        for path in ["/", "/", "/count", "/deny", "/count", "/"] {
            expected.append(CookiePersistenceDifferentialTests.observed(haproxyPort, path: path, cookie: nil))
            actual.append(CookiePersistenceDifferentialTests.observed(enginePort, path: path, cookie: nil))
        }
        XCTAssertEqual(expected.first, "x-server: s1")
        XCTAssertEqual(actual, expected)
        let tables = try XCTUnwrap(harness.engine?.engine.stickTables)
        for name in ["fe", "app"] {
            let real = Self.normalized(Self.ask(socket, "show table \(name)\n"))
            let ours = Self.normalized(StickTableDump.dump(try XCTUnwrap(tables[name])))
            XCTAssertEqual(ours, real, name)
            XCTAssertEqual(real.count, 2, "a header and one entry: \(real)")
        }
        await harness.shutdown()
    }

    /// `show|clear|set table` on both, after the same requests: the same answers and errors.
    func testTableCommandsAnswerAsHAProxy() async throws {
        let haproxy = try XCTUnwrap(Programs.path("haproxy"), "haproxy is not installed (bash .ci/run installs it)")
        let servers = try ["s1", "s2"].map(CookiePersistenceDifferentialTests.server)
        defer { servers.forEach { $0.stop() } }
        let haproxyPort = Loopback.freePort(), enginePort = Loopback.freePort()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("weir-stick-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let socket = directory.appendingPathComponent("admin.sock").path
        let file = directory.appendingPathComponent("haproxy.cfg")
        try Self.config(haproxyPort, servers.map(\.port), socket: socket).write(to: file, atomically: true, encoding: .utf8)
        let reference = try BackgroundProcess(haproxy, ["-db", "-f", file.path])
        defer { reference.stop() }
        let harness = EngineHarness()
        try await harness.startEngine(Self.config(enginePort, servers.map(\.port), socket: nil))
        XCTAssertTrue(Loopback.waitForListener(port: haproxyPort), reference.output)
        for port in [haproxyPort, enginePort] {
            for path in ["/", "/count", "/count"] { _ = CookiePersistenceDifferentialTests.observed(port, path: path, cookie: nil) }
        }
        let tables = try XCTUnwrap(harness.engine?.engine.stickTables)
        let commands: [(StickTableCommands.Action, String)] = [
            (.show, ""), (.show, "nope"), (.set, "fe key 10.0.0.9 data.gpc0 7 data.http_req_rate 40"),
            (.show, "fe data.gpc0 gt 1"), (.show, "fe data.gpc0 eq 2 data.conn_cnt ge 3"), (.show, "fe key 10.0.0.9"),
            (.show, "fe data.bogus eq 1"), (.show, "fe data.gpc1 eq 1"), (.show, "fe data.gpc0 xx 1"),
            (.show, "fe data.gpc0 eq x"), (.show, "fe extra"), (.set, "fe key 10.0.0.9 data.gpc1 1"),
            (.set, "fe key 10.0.0.9 gpc0 1"), (.set, "fe data.gpc0 eq 1"), (.clear, "fe key 10.0.0.9"),
            (.show, "fe key 10.0.0.9"), (.clear, "fe data.gpc0 lt 1"), (.show, "fe"), (.clear, "fe"), (.show, "fe"),
            (.show, "app"), (.clear, "app"), (.show, "app"),
        ]
        for (action, arguments) in commands {
            let verb = action == .show ? "show" : action == .clear ? "clear" : "set"
            let real = Self.normalized(Self.ask(socket, "\(verb) table \(arguments)\n"))
            let words = arguments.split(separator: " ").map(String.init)
            let ours = Self.normalized(StickTableCommands.run(action, words, tables: tables))
            XCTAssertEqual(ours, real, "\(verb) table \(arguments)")
        }
        await harness.shutdown()
    }

    /// The lines without the entry's address and its `exp=` milliseconds.
    static func normalized(_ text: String) -> [String] {
        text.split(separator: "\n").map { line in
            line.split(separator: " ").compactMap { word -> String? in
                if word.hasPrefix("0x") { return nil }
                return word.hasPrefix("exp=") ? "exp=…" : String(word)
            }.joined(separator: " ")
        }
    }

    /// One command on HAProxy's runtime socket; the answer up to the close.
    static func ask(_ path: String, _ command: String) -> String {
        let fd = Glibc.socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            for (index, byte) in path.utf8.prefix(raw.count - 1).enumerated() { raw[index] = byte }
        }
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard connected == 0 else { return "" }
        _ = command.withCString { send(fd, $0, strlen($0), 0) }
        var answer = [UInt8](), buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = recv(fd, &buffer, buffer.count, 0)
            if count <= 0 { break }
            answer += buffer[0..<count]
        }
        return String(decoding: answer, as: UTF8.self)
    }
}
