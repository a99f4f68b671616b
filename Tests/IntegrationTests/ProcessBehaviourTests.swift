import Foundation
import WeirTestSupport
import XCTest

/// The engine's process behaves as HAProxy's, checked on real processes:
/// daemon mode, pid file, the drop to nobody after binding, the process
/// name a keepalived `vrrp_script` looks for, HAProxy's file-descriptor
/// arithmetic, soft stop (SIGUSR1) letting a slow request finish, hard stop
/// (SIGTERM), `grace`, `hard-stop-after` and `-x` accepted with a warning.
final class ProcessBehaviourTests: XCTestCase {
    private var directory: URL!
    private var started: [Int32] = []

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("weir-process-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        // The daemon drops to nobody: it must be able to read nothing here, but the path must be traversable.
        chmod(directory.path, 0o755)
    }

    override func tearDownWithError() throws {
        for pid in started { kill(pid, SIGKILL) }
        try? FileManager.default.removeItem(at: directory)
    }

    private func file(_ name: String, _ text: String) throws -> String {
        let url = directory.appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    /// A proxy configuration in front of `server`, with extra global lines.
    private func proxyConfig(port: Int, server: Int, global: String) -> String {
        """
        global
        \(global.split(separator: "\n").map { "    " + $0 }.joined(separator: "\n"))

        defaults
            mode http
            timeout connect 1s
            timeout client 10s
            timeout server 10s

        frontend web
            bind 127.0.0.1:\(port)
            default_backend app

        backend app
            server s1 127.0.0.1:\(server)

        """
    }

    /// A backend that answers `/slow` after `seconds` and anything else at once.
    private func slowBackend(port: Int, seconds: Double) throws -> BackgroundProcess {
        let script = """
            import http.server, sys, time
            class H(http.server.BaseHTTPRequestHandler):
                protocol_version = "HTTP/1.1"
                def do_GET(self):
                    if self.path == "/slow": time.sleep(\(seconds))
                    body = b"done " + self.path.encode()
                    self.send_response(200); self.send_header("Content-Length", str(len(body))); self.end_headers()
                    self.wfile.write(body)
                def log_message(self, *args): pass
            http.server.ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), H).serve_forever()
            """
        guard let python = Programs.path("python3") else {
            XCTFail("python3 is needed for the test backend")
            throw XCTSkip("python3 missing")
        }
        let backend = try BackgroundProcess(python, ["-c", script, "\(port)"])
        XCTAssertTrue(Loopback.waitForListener(port: port), backend.output)
        return backend
    }

    private func get(_ port: Int, _ path: String = "/") -> String {
        Loopback.exchange(port: port, "GET \(path) HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", seconds: 10)
    }

    func testDaemonWritesItsPidFileDropsToNobodyAndIsNamedHAProxy() throws {
        guard getuid() == 0 else { throw XCTSkip("dropping privileges needs root") }
        let port = Loopback.freePort(), serverPort = Loopback.freePort()
        let backend = try slowBackend(port: serverPort, seconds: 0)
        defer { backend.stop() }
        let pidPath = directory.appendingPathComponent("haproxy.pid").path
        let config = try file("daemon.cfg", proxyConfig(port: port, server: serverPort, global: """
            daemon
            pidfile \(pidPath)
            user nobody
            group nogroup
            chroot \(directory.path)
            """))
        let link = directory.appendingPathComponent("haproxy")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: WeirProcess.binary)
        // The parent returns once the daemon is ready, with status 0, as haproxy -D.
        let start = try WeirProcess.run(link, ["-f", config])
        XCTAssertEqual(start.status, 0, start.stderr)
        let daemon = try XCTUnwrap(ProxyProcesses.pid(in: pidPath), "the pid file holds the daemon's pid")
        started.append(daemon)
        XCTAssertEqual(try String(contentsOfFile: pidPath, encoding: .utf8), "\(daemon)\n")
        let status = try String(contentsOfFile: "/proc/\(daemon)/status", encoding: .utf8)
        let ids = status.split(separator: "\n").filter { $0.hasPrefix("Uid:") || $0.hasPrefix("Gid:") }
        XCTAssertEqual(ids, ["Uid:\t65534\t65534\t65534\t65534", "Gid:\t65534\t65534\t65534\t65534"], status)
        XCTAssertEqual(try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(daemon)/root"), directory.path)
        // What keepalived's `killall -0 haproxy` and `pidof haproxy` read.
        XCTAssertEqual(try String(contentsOfFile: "/proc/\(daemon)/comm", encoding: .utf8), "haproxy\n")
        XCTAssertNotEqual(getsid(daemon), getsid(0), "the daemon runs in its own session")
        XCTAssertTrue(get(port).hasSuffix("done /"), "the dropped process still serves on the port bound as root")
        kill(daemon, SIGTERM)
        XCTAssertTrue(ProxyProcesses.waitUntilGone(daemon, seconds: 5))
    }

    func testADaemonThatCannotStartReportsWhyAndFails() throws {
        let port = Loopback.freePort()
        let config = try file("nouser.cfg", proxyConfig(port: port, server: Loopback.freePort(), global: """
            daemon
            user no-such-user-weir
            """))
        let start = try WeirProcess.weir(["haproxy", "-f", config])
        XCTAssertEqual(start.status, 1, start.stderr)
        XCTAssertTrue(start.stderr.contains("[ALERT]") && start.stderr.contains("Cannot set uid no-such-user-weir."), start.stderr)
    }

    func testTheFileDescriptorLimitFollowsHAProxysArithmetic() throws {
        let port = Loopback.freePort()
        let config = try file("fd.cfg", proxyConfig(port: port, server: Loopback.freePort(), global: """
            maxconn 50000
            ulimit-n 1000
            nbthread 2
            """))
        let run = try WeirProcess.weir(["haproxy", "-f", config])
        XCTAssertEqual(run.status, 1, run.stderr)
        // 10 reserved + 1 listener + 2 × 50000 + 3 × 2 threads, as haproxy 2.6 counts.
        XCTAssertTrue(run.stderr.contains("[ALERT]") && run.stderr.contains(
            "[weir.main()] FD limit (1000) too low for maxconn=50000/maxsock=100017. Please raise 'ulimit-n' to 100017 or more"),
                      run.stderr)
    }

    func testSoftStopFinishesTheSlowRequestThenExits() throws {
        let port = Loopback.freePort(), serverPort = Loopback.freePort()
        let backend = try slowBackend(port: serverPort, seconds: 1.5)
        defer { backend.stop() }
        let config = try file("soft.cfg", proxyConfig(port: port, server: serverPort, global: "nbthread 1"))
        let engine = try BackgroundProcess(WeirProcess.binary.path, ["run", config])
        defer { engine.stop(signal: SIGKILL) }
        XCTAssertTrue(Loopback.waitForListener(port: port), engine.output)
        let client = try XCTUnwrap(Loopback.connect(port: port))
        defer { close(client) }
        Loopback.send(client, "GET /slow HTTP/1.1\r\nHost: x\r\n\r\n")
        usleep(300_000)
        kill(engine.process.processIdentifier, SIGUSR1)
        XCTAssertTrue(engine.waitForOutput("Proxy web stopped", seconds: 5), engine.output)
        XCTAssertNil(Loopback.connect(port: port).map { close($0) }, "the listener is closed at once")
        let response = Loopback.readUntil(client, "done /slow", seconds: 5)
        XCTAssertTrue(response.hasPrefix("HTTP/1.1 200") && response.hasSuffix("done /slow"), response)
        XCTAssertTrue(response.lowercased().contains("connection: close"), "the last response closes the connection: \(response)")
        engine.process.waitUntilExit()
        XCTAssertEqual(engine.process.terminationStatus, 0, engine.output)
    }

    func testHardStopAfterClosesWhatASoftStopLeavesOpen() throws {
        let port = Loopback.freePort(), serverPort = Loopback.freePort()
        let backend = try slowBackend(port: serverPort, seconds: 8)
        defer { backend.stop() }
        let config = try file("hard.cfg", proxyConfig(port: port, server: serverPort, global: "nbthread 1\nhard-stop-after 500ms"))
        let engine = try BackgroundProcess(WeirProcess.binary.path, ["run", config])
        defer { engine.stop(signal: SIGKILL) }
        XCTAssertTrue(Loopback.waitForListener(port: port), engine.output)
        let client = try XCTUnwrap(Loopback.connect(port: port))
        defer { close(client) }
        Loopback.send(client, "GET /slow HTTP/1.1\r\nHost: x\r\n\r\n")
        usleep(200_000)
        let signalled = Date()
        kill(engine.process.processIdentifier, SIGUSR1)
        let response = Loopback.readAll(client, seconds: 5)
        XCTAssertEqual(response, "", "the request was cut, not answered")
        engine.process.waitUntilExit()
        let elapsed = Date().timeIntervalSince(signalled)
        XCTAssertTrue(elapsed > 0.4 && elapsed < 3, "stopped after \(elapsed) s")
        XCTAssertTrue(engine.output.contains("hard stop: closing 1 connection still open"), engine.output)
    }

    func testSigtermStopsAtOnce() throws {
        let port = Loopback.freePort(), serverPort = Loopback.freePort()
        let backend = try slowBackend(port: serverPort, seconds: 8)
        defer { backend.stop() }
        let config = try file("term.cfg", proxyConfig(port: port, server: serverPort, global: "nbthread 1"))
        let engine = try BackgroundProcess(WeirProcess.binary.path, ["run", config])
        defer { engine.stop(signal: SIGKILL) }
        XCTAssertTrue(Loopback.waitForListener(port: port), engine.output)
        let client = try XCTUnwrap(Loopback.connect(port: port))
        defer { close(client) }
        Loopback.send(client, "GET /slow HTTP/1.1\r\nHost: x\r\n\r\n")
        usleep(200_000)
        let signalled = Date()
        kill(engine.process.processIdentifier, SIGTERM)
        engine.process.waitUntilExit()
        XCTAssertLessThan(Date().timeIntervalSince(signalled), 2, engine.output)
        XCTAssertEqual(Loopback.readAll(client, seconds: 2), "")
    }
    func testGraceKeepsTheListenersOpenAfterASoftStop() throws {
        let port = Loopback.freePort(), serverPort = Loopback.freePort()
        let backend = try slowBackend(port: serverPort, seconds: 0)
        defer { backend.stop() }
        let config = try file("grace.cfg", proxyConfig(port: port, server: serverPort, global: "nbthread 1\ngrace 1s"))
        let engine = try BackgroundProcess(WeirProcess.binary.path, ["run", config])
        defer { engine.stop(signal: SIGKILL) }
        XCTAssertTrue(Loopback.waitForListener(port: port), engine.output)
        kill(engine.process.processIdentifier, SIGUSR1)
        usleep(300_000)
        XCTAssertTrue(get(port).hasSuffix("done /"), "still served during grace: \(engine.output)")
        XCTAssertTrue(engine.waitForOutput("Proxy web stopped", seconds: 3), engine.output)
        XCTAssertNil(Loopback.connect(port: port).map { close($0) }, "closed once grace has passed")
        engine.process.waitUntilExit()
        XCTAssertEqual(engine.process.terminationStatus, 0)
    }
}
