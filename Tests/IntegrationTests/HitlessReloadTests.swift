import Foundation
import WeirTestSupport
import XCTest

/// `haproxy -D -p PIDFILE -f CFG -sf $(cat PIDFILE)` on weir, as an
/// operator reloads HAProxy: the new process checks the configuration,
/// binds beside the old one (SO_REUSEPORT), tells it to finish, and no
/// client request fails through ten reloads in a row. A broken
/// configuration leaves the old process serving and says why.
final class HitlessReloadTests: XCTestCase {
    private var directory: URL!
    private var daemons: Set<Int32> = []

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("weir-reload-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        for pid in daemons { kill(pid, SIGKILL) }
        try? FileManager.default.removeItem(at: directory)
    }

    /// Sequential requests on new connections from a few threads until stopped (or `limit` seconds).
    final class Load: @unchecked Sendable {
        private let lock = NSLock()
        private var running = true
        private(set) var succeeded = 0
        private(set) var failures: [String] = []
        private let group = DispatchGroup()

        init(port: Int, clients: Int, limit: Double) {
            let deadline = Date().addingTimeInterval(limit)
            for _ in 0..<clients {
                group.enter()
                Thread.detachNewThread { [self] in
                    while lock.withLock({ running }), Date() < deadline {
                        let response = Loopback.exchange(port: port, "GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                        lock.withLock {
                            if response.hasPrefix("HTTP/1.1 200") && response.hasSuffix("from-backend") {
                                succeeded += 1
                            } else {
                                failures.append(response.isEmpty ? "refused or reset" : String(response.prefix(60)))
                            }
                        }
                    }
                    group.leave()
                }
            }
        }

        func stop() {
            lock.withLock { running = false }
            group.wait()
        }
    }

    private func pid(in path: String) -> Int32? {
        (try? String(contentsOfFile: path, encoding: .utf8)).flatMap { Int32($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
    }

    private func waitUntilGone(_ pid: Int32, seconds: Double) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            let status = (try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)) ?? ""
            if status.isEmpty || status.contains("State:\tZ") { return true }
            usleep(20_000)
        }
        return false
    }

    func testTenReloadsUnderLoadFailNoRequest() throws {
        guard let haproxy = Programs.path("haproxy") else {
            XCTFail("haproxy 2.6 is needed as the test backend")
            return
        }
        let port = Loopback.freePort(), backendPort = Loopback.freePort()
        let backendConfig = directory.appendingPathComponent("backend.cfg")
        try """
            defaults
                mode http
                timeout connect 1s
                timeout client 5s
                timeout server 5s
            frontend answer
                bind 127.0.0.1:\(backendPort)
                http-request return status 200 content-type text/plain string "from-backend"

            """.write(to: backendConfig, atomically: true, encoding: .utf8)
        let backend = try BackgroundProcess(haproxy, ["-db", "-f", backendConfig.path])
        defer { backend.stop() }
        XCTAssertTrue(Loopback.waitForListener(port: backendPort), backend.output)

        let config = directory.appendingPathComponent("proxy.cfg").path
        try """
            global
                nbthread 1
                hard-stop-after 10s
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

            """.write(toFile: config, atomically: true, encoding: .utf8)
        let pidFile = directory.appendingPathComponent("weir.pid").path
        let first = try WeirProcess.weir(["haproxy", "-D", "-q", "-f", config, "-p", pidFile])
        XCTAssertEqual(first.status, 0, first.stderr)
        var current = try XCTUnwrap(pid(in: pidFile))
        daemons.insert(current)
        XCTAssertTrue(Loopback.waitForListener(port: port))

        let load = Load(port: port, clients: 2, limit: 120)
        var stopped = false
        defer { if !stopped { load.stop() } }
        usleep(300_000)
        for round in 1...10 {
            let reload = try WeirProcess.weir(["haproxy", "-D", "-q", "-f", config, "-p", pidFile, "-sf", "\(current)"])
            XCTAssertEqual(reload.status, 0, "reload \(round): \(reload.stderr)")
            let next = try XCTUnwrap(pid(in: pidFile))
            daemons.insert(next)
            XCTAssertNotEqual(next, current, "reload \(round) started a new process")
            XCTAssertTrue(waitUntilGone(current, seconds: 10), "reload \(round): the old process \(current) finished and exited")
            current = next
            usleep(200_000)
        }
        // A configuration that does not compile: the new process says why and the old one keeps serving.
        let broken = directory.appendingPathComponent("broken.cfg").path
        try "frontend web\n    bind 127.0.0.1:\(port)\n    default_backend missing\n".write(toFile: broken, atomically: true, encoding: .utf8)
        let refused = try WeirProcess.weir(["haproxy", "-D", "-f", broken, "-p", pidFile, "-sf", "\(current)"])
        XCTAssertEqual(refused.status, 1, refused.stderr)
        XCTAssertTrue(refused.stderr.contains("[ALERT]") && refused.stderr.contains("missing"), refused.stderr)
        usleep(300_000)
        XCTAssertEqual(pid(in: pidFile), current, "the pid file still names the serving process")
        XCTAssertFalse(waitUntilGone(current, seconds: 0.1), "the old process still runs")
        load.stop()
        stopped = true
        XCTAssertEqual(load.failures, [], "\(load.failures.count) failed of \(load.succeeded + load.failures.count)")
        XCTAssertGreaterThan(load.succeeded, 200)
        print("hitless reload: \(load.succeeded) requests through 10 reloads, \(load.failures.count) failed")
        kill(current, SIGTERM)
        XCTAssertTrue(waitUntilGone(current, seconds: 5))
    }
}
