import Foundation
import NIOConcurrencyHelpers
import WeirTestSupport
import XCTest

/// `mode tcp` beside the real haproxy, same configuration, same backend:
/// half-close, backpressure on a slow reader, and the idle timeouts
/// (`timeout client`, `server`, `tunnel`, `client-fin`, `server-fin`).
final class TCPModeTrafficTests: XCTestCase {
    private var harness: EngineHarness!
    private var processes: [BackgroundProcess] = []
    private var files: [URL] = []

    static let backendScript = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Support/tcp_backend.py").path

    override func setUp() async throws {
        harness = EngineHarness()
    }

    override func tearDown() async throws {
        for process in processes { process.stop(signal: SIGKILL) }
        for file in files { try? FileManager.default.removeItem(at: file) }
        await harness.shutdown()
    }

    /// Starts `tcp_backend.py` in `mode`; returns its port and process.
    private func startBackend(_ mode: String, _ arguments: [String] = []) throws -> (port: Int, process: BackgroundProcess) {
        let python = try XCTUnwrap(Programs.path("python3"), "python3 is not installed: the TCP backend is a Python script")
        let port = Loopback.freePort()
        let process = try BackgroundProcess(python, [Self.backendScript, String(port), mode] + arguments)
        processes.append(process)
        XCTAssertTrue(process.waitForOutput("ready", seconds: 10), process.output)
        return (port, process)
    }

    private func config(port: Int, backend: Int, timeouts: String) -> String {
        """
        defaults
            mode tcp
            timeout connect 1s
        \(timeouts)
        listen t
            bind 127.0.0.1:\(port)
            server s 127.0.0.1:\(backend)

        """
    }

    /// Runs the engine and the real haproxy on the same configuration, each on its own port.
    private func startBoth(backend: Int, timeouts: String) async throws -> [(name: String, port: Int)] {
        let haproxy = try XCTUnwrap(Programs.path("haproxy"), "haproxy is not installed: this test compares the engine with it")
        let enginePort = Loopback.freePort(), haproxyPort = Loopback.freePort()
        try await harness.startEngine(config(port: enginePort, backend: backend, timeouts: timeouts))
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("weir-tcp-\(UUID().uuidString).cfg")
        try config(port: haproxyPort, backend: backend, timeouts: timeouts).write(to: file, atomically: true, encoding: .utf8)
        files.append(file)
        let process = try BackgroundProcess(haproxy, ["-db", "-f", file.path])
        processes.append(process)
        XCTAssertTrue(Loopback.waitForListener(port: haproxyPort), process.output)
        return [("weir", enginePort), ("haproxy", haproxyPort)]
    }

    func testAClientsShutdownReachesTheServerAndItsAnswerStillComesBack() async throws {
        let backend = try startBackend("halfclose")
        for proxy in try await startBoth(backend: backend.port, timeouts: "    timeout client 5s\n    timeout server 5s") {
            let fd = try XCTUnwrap(Loopback.connect(port: proxy.port))
            defer { close(fd) }
            Loopback.send(fd, String(repeating: "a", count: 100_000))
            XCTAssertEqual(shutdown(fd, Int32(SHUT_WR)), 0)
            XCTAssertEqual(Loopback.readAll(fd, seconds: 5), "received 100000 bytes\nbye\n", proxy.name)
        }
    }

    /// A client that does not read: the server's sends stall after what the
    /// socket buffers hold, and the engine's memory does not grow with what
    /// the server has to send; once the client reads, every byte arrives.
    func testASlowReaderHoldsTheServerBackInsteadOfFillingMemory() async throws {
        let size = 128 << 20
        let backend = try startBackend("flood", [String(size)])
        let proxies = try await startBoth(backend: backend.port, timeouts: "    timeout client 30s\n    timeout server 30s")
        for (round, proxy) in proxies.enumerated() {
            let residentBefore = Self.residentBytes()
            let fd = try XCTUnwrap(Loopback.connect(port: proxy.port, receiveBuffer: 65536))
            defer { close(fd) }
            let stalled = "stalled at "
            let deadline = Date().addingTimeInterval(20)
            while backend.process.output.components(separatedBy: stalled).count <= round + 1, Date() < deadline { usleep(50_000) }
            let reports = backend.process.output.components(separatedBy: "\n").filter { $0.hasPrefix(stalled) }
            let sent = try XCTUnwrap(reports.dropFirst(round).first.flatMap { Int($0.dropFirst(stalled.count)) },
                                     "\(proxy.name): the server never stalled (the proxy took everything it sent): \(backend.process.output)")
            XCTAssertLessThan(sent, 48 << 20, "\(proxy.name) took \(sent) bytes from the server for a client that reads nothing")
            if proxy.name == "weir" {
                XCTAssertLessThan(Self.residentBytes() - residentBefore, 24 << 20, "the engine's memory grew while the client did not read")
            }
            XCTAssertEqual(TCPClient.drain(fd, seconds: 60), size, proxy.name)
        }
    }

    /// How long a connection on which the client sends nothing stays open (nil: still open after `seconds`).
    private static func lifetime(port: Int, seconds: Double) -> Double? {
        guard let fd = Loopback.connect(port: port) else { return 0 }
        defer { close(fd) }
        let start = Date()
        var buffer = [UInt8](repeating: 0, count: 4096)
        var timeout = timeval(tv_sec: 0, tv_usec: 100_000)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        while Date().timeIntervalSince(start) < seconds {
            let count = recv(fd, &buffer, buffer.count, 0)
            if count == 0 || (count < 0 && errno != EAGAIN && errno != EWOULDBLOCK) { return Date().timeIntervalSince(start) }
        }
        return nil
    }

    func testIdleTimeoutsEndTheConnectionWhenHAProxyEndsIt() async throws {
        let cases: [(timeouts: String, backend: String, closesWithin: ClosedRange<Double>?)] = [
            // The client side times out: its direction ends, the server sees the end and closes.
            ("    timeout client 1s\n    timeout server 4s", "silent", 0.8...2.2),
            // `timeout tunnel` replaces both once the server is connected.
            ("    timeout client 500ms\n    timeout server 500ms\n    timeout tunnel 2s", "silent", 1.8...3.2),
            // Traffic in one direction keeps both sides alive (writes count as activity).
            ("    timeout client 1s\n    timeout server 1s", "trickle", nil),
        ]
        for (timeouts, mode, expected) in cases {
            let backend = try startBackend(mode)
            let proxies = try await startBoth(backend: backend.port, timeouts: timeouts)
            let results = NIOLockedValueBox([String: Double?]())
            DispatchQueue.concurrentPerform(iterations: proxies.count) { index in
                let lifetime = Self.lifetime(port: proxies[index].port, seconds: 3.5)
                results.withLockedValue { $0[proxies[index].name] = lifetime }
            }
            for proxy in proxies {
                let lifetime = results.withLockedValue { $0[proxy.name] ?? nil }
                if let expected {
                    XCTAssertTrue(lifetime.map { expected.contains($0) } ?? false,
                                  "\(proxy.name), \(timeouts): closed after \(lifetime.map { "\($0) s" } ?? "never")")
                } else {
                    XCTAssertNil(lifetime, "\(proxy.name), \(timeouts): closed after \(lifetime ?? 0) s")
                }
            }
            await harness.stopEngine()
            processes.removeLast().stop()
        }
    }

    /// `timeout client-fin` and `server-fin`, as haproxy 2.6 applies them: once the proxy has shut
    /// its write side toward a peer (passing on the other peer's end), that side's idle limit is the
    /// half-closed one (1 s here) instead of `timeout client` or `server` (4 s).
    func testHalfClosedTimeoutsReplaceTheIdleOnesAsHAProxy() async throws {
        let timeouts = ["    timeout client 4s\n    timeout server 4s", "    timeout client-fin 1s\n    timeout server-fin 1s"]
        // (timeouts, the expected end): with the half-closed timeouts ~1 s, without them the idle ones, ~4 s.
        let runs: [(lines: String, ends: ClosedRange<Double>)] = [
            (timeouts.joined(separator: "\n"), 0.8...2.2), (timeouts[0], 3.6...5.2),
        ]
        for (lines, expected) in runs {
            let named = lines.replacingOccurrences(of: "\n   ", with: ";").trimmingCharacters(in: .whitespaces)
            // The server ends its direction at once and waits: the client side is half-closed (`client-fin`).
            let finFirst = try startBackend("finfirst")
            for proxy in try await startBoth(backend: finFirst.port, timeouts: lines) {
                usleep(300_000)
                let before = finFirst.process.output.components(separatedBy: "ended after").count
                let fd = try XCTUnwrap(Loopback.connect(port: proxy.port))
                let ended = Self.waitForLine(finFirst.process, count: before, seconds: 6)
                close(fd)
                XCTAssertTrue(ended.map { expected.contains($0) } ?? false,
                              "client side, \(proxy.name), \(named): server connection ended after \(ended.map { "\($0) s" } ?? "never")")
            }
            await harness.stopEngine()
            // The client ends its direction at once: the server side is half-closed (`server-fin`).
            let holdOpen = try startBackend("holdopen")
            for proxy in try await startBoth(backend: holdOpen.port, timeouts: lines) {
                let lifetime = Self.lifetimeAfterShutdown(port: proxy.port, seconds: 6)
                XCTAssertTrue(lifetime.map { expected.contains($0) } ?? false,
                              "server side, \(proxy.name), \(named): closed after \(lifetime.map { "\($0) s" } ?? "never")")
            }
            await harness.stopEngine()
        }
    }

    /// Waits for the backend's line after the `count - 1` it printed before; the seconds it reports.
    private static func waitForLine(_ process: BackgroundProcess, count: Int, seconds: Double) -> Double? {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            let parts = process.output.components(separatedBy: "ended after ")
            if parts.count > count, let milliseconds = Int(parts[count].prefix { $0.isNumber }) { return Double(milliseconds) / 1000 }
            usleep(50_000)
        }
        return nil
    }

    /// How long a connection whose client shut its write side at once stays open (nil: still open after `seconds`).
    private static func lifetimeAfterShutdown(port: Int, seconds: Double) -> Double? {
        guard let fd = Loopback.connect(port: port) else { return 0 }
        defer { close(fd) }
        usleep(200_000)
        shutdown(fd, Int32(SHUT_WR))
        let start = Date()
        var buffer = [UInt8](repeating: 0, count: 4096)
        var timeout = timeval(tv_sec: 0, tv_usec: 100_000)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        while Date().timeIntervalSince(start) < seconds {
            let count = recv(fd, &buffer, buffer.count, 0)
            if count == 0 || (count < 0 && errno != EAGAIN && errno != EWOULDBLOCK) { return Date().timeIntervalSince(start) }
        }
        return nil
    }

    static func residentBytes() -> Int {
        let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
        let line = status.split(separator: "\n").first { $0.hasPrefix("VmRSS:") } ?? ""
        return (Int(line.split(separator: " ").dropFirst().first ?? "") ?? 0) * 1024
    }
}

/// A reader that counts bytes.
enum TCPClient {
    /// Reads until the peer closes or `seconds` pass; the number of bytes read.
    static func drain(_ fd: Int32, seconds: Double) -> Int {
        var timeout = timeval(tv_sec: 1, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        var total = 0
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            let count = recv(fd, &buffer, buffer.count, 0)
            if count == 0 { break }
            if count > 0 { total += count }
        }
        return total
    }
}
