import Foundation
import WeirTestSupport
import XCTest

/// `haproxy -D -p PIDFILE -f CFG -sf $(cat PIDFILE)` on weir, as an
/// operator reloads HAProxy: the new process checks the configuration,
/// binds beside the old one (SO_REUSEPORT), tells it to finish, and no
/// client request fails through ten reloads in a row while clients send
/// requests on a fixed schedule of 5,000 a second. A broken configuration
/// leaves the old process serving and says why.
final class HitlessReloadTests: XCTestCase {
    /// The load: requests a second, each on a new connection.
    static let targetRate = 5_000.0
    /// Below this many requests a second the load proved nothing (the shared machine was saturated).
    static let leastMeaningfulRate = 100.0

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

    func testTenReloadsAt5000RequestsASecondFailNoRequest() throws {
        let backend = try AnsweringBackend(directory: directory)
        defer { backend.stop() }
        let port = Loopback.freePort()
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
                server s1 127.0.0.1:\(backend.port)

            """.write(toFile: config, atomically: true, encoding: .utf8)
        let pidFile = directory.appendingPathComponent("weir.pid").path
        let first = try WeirProcess.weir(["haproxy", "-D", "-q", "-f", config, "-p", pidFile])
        XCTAssertEqual(first.status, 0, first.stderr)
        var current = try XCTUnwrap(ProxyProcesses.pid(in: pidFile))
        daemons.insert(current)
        XCTAssertTrue(Loopback.waitForListener(port: port))

        let load = RequestLoad(port: port, clients: 32, rate: Self.targetRate, limit: 120)
        var stopped = false
        defer { if !stopped { load.stop() } }
        usleep(300_000)
        for round in 1...10 {
            let reload = try WeirProcess.weir(["haproxy", "-D", "-q", "-f", config, "-p", pidFile, "-sf", "\(current)"])
            XCTAssertEqual(reload.status, 0, "reload \(round): \(reload.stderr)")
            let next = try XCTUnwrap(ProxyProcesses.pid(in: pidFile))
            daemons.insert(next)
            XCTAssertNotEqual(next, current, "reload \(round) started a new process")
            XCTAssertTrue(ProxyProcesses.waitUntilGone(current, seconds: 10), "reload \(round): the old process \(current) finished and exited")
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
        XCTAssertEqual(ProxyProcesses.pid(in: pidFile), current, "the pid file still names the serving process")
        XCTAssertTrue(ProxyProcesses.isAlive(current), "the old process still runs")
        load.stop()
        stopped = true
        XCTAssertEqual(load.refused, 0, "refused connections")
        XCTAssertEqual(load.failures, [], load.summary)
        XCTAssertGreaterThan(load.achievedRate, Self.leastMeaningfulRate,
                             "the clients could not send a meaningful load (\(load.summary)); the machine is saturated")
        print("hitless reload (-sf), target \(Int(Self.targetRate))/s through 10 reloads: \(load.summary)")
        kill(current, SIGTERM)
        XCTAssertTrue(ProxyProcesses.waitUntilGone(current, seconds: 5))
    }
}
