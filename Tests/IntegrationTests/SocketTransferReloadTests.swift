import Foundation
import WeirTestSupport
import XCTest

/// Seamless reload with `-x`: `stats socket … expose-fd listeners` in the
/// old process, `haproxy -D -x SOCKET -sf PID` for the new one, which takes
/// the very listening sockets (the kernel's socket inode stays the same)
/// over the stats socket, as HAProxy's `_getsocks`. Ten reloads in a row
/// refuse no connection; real HAProxy 2.6 takes weir's sockets and weir
/// takes HAProxy's; a socket without `expose-fd` gives HAProxy's messages.
final class SocketTransferReloadTests: XCTestCase {
    private var directory: URL!
    private var daemons: Set<Int32> = []
    private var backend: AnsweringBackend?
    private var backendPort = 0

    override func setUpWithError() throws {
        directory = URL(fileURLWithPath: "/tmp/weir-xfer-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        for pid in daemons { kill(pid, SIGKILL) }
        backend?.stop()
        try? FileManager.default.removeItem(at: directory)
    }

    /// Starts the answering backend; returns the real haproxy's path (the other side of the transfer).
    private func startBackend() throws -> String {
        let started = try AnsweringBackend(directory: directory)
        backend = started
        backendPort = started.port
        return try XCTUnwrap(Programs.path("haproxy"))
    }

    /// A proxy configuration on `port` with the runtime socket at `socket` (expose-fd when asked).
    private func proxyConfig(port: Int, socket: String, exposes: Bool = true) throws -> String {
        let path = directory.appendingPathComponent("proxy-\(exposes).cfg").path
        try """
            global
                nbthread 1
                hard-stop-after 10s
                stats socket \(socket) mode 600 level admin\(exposes ? " expose-fd listeners" : "")
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

            """.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// The inodes of the TCP sockets listening on 127.0.0.1:`port` (from /proc/net/tcp).
    private func listeningInodes(port: Int) -> [String] {
        let table = (try? String(contentsOfFile: "/proc/net/tcp", encoding: .utf8)) ?? ""
        let local = String(format: "0100007F:%04X", port)
        return table.split(separator: "\n").compactMap { line in
            let fields = line.split(separator: " ")
            guard fields.count > 9, fields[1] == local, fields[3] == "0A" else { return nil }
            return String(fields[9])
        }
    }

    private func startDaemon(_ executable: String, _ arguments: [String]) -> (status: Int32, output: String) {
        ProxyProcesses.startDaemon(executable, arguments, log: directory.appendingPathComponent("daemon-\(UUID().uuidString.prefix(6)).log").path)
    }

    private func ok(_ port: Int) -> Bool {
        AnsweringBackend.answered(Loopback.exchange(port: port, "GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"))
    }

    func testTenReloadsTakingTheSocketsRefuseNothing() throws {
        _ = try startBackend()
        let port = Loopback.freePort()
        let socket = directory.appendingPathComponent("admin.sock").path
        let config = try proxyConfig(port: port, socket: socket)
        let pidFile = directory.appendingPathComponent("weir.pid").path
        let first = try WeirProcess.weir(["haproxy", "-D", "-q", "-f", config, "-p", pidFile])
        XCTAssertEqual(first.status, 0, first.stderr)
        var current = try XCTUnwrap(ProxyProcesses.pid(in: pidFile))
        daemons.insert(current)
        XCTAssertTrue(Loopback.waitForListener(port: port))
        let inodes = listeningInodes(port: port)
        XCTAssertEqual(inodes.count, 1, "one listening socket")

        let load = RequestLoad(port: port, clients: 32, rate: HitlessReloadTests.targetRate, limit: 120)
        var stopped = false
        defer { if !stopped { load.stop() } }
        usleep(300_000)
        for round in 1...10 {
            let reload = try WeirProcess.weir(["haproxy", "-D", "-f", config, "-p", pidFile, "-x", socket, "-sf", "\(current)"])
            XCTAssertEqual(reload.status, 0, "reload \(round): \(reload.stderr)")
            let next = try XCTUnwrap(ProxyProcesses.pid(in: pidFile))
            daemons.insert(next)
            XCTAssertNotEqual(next, current, "reload \(round) started a new process")
            XCTAssertTrue(ProxyProcesses.waitUntilGone(current, seconds: 10), "reload \(round): the old process \(current) finished and exited")
            XCTAssertEqual(listeningInodes(port: port), inodes, "reload \(round): the new process took the same socket, it bound none")
            current = next
            usleep(200_000)
        }
        load.stop()
        stopped = true
        XCTAssertEqual(load.refused, 0, "refused connections")
        XCTAssertEqual(load.failures, [], load.summary)
        XCTAssertGreaterThan(load.achievedRate, HitlessReloadTests.leastMeaningfulRate,
                             "the clients could not send a meaningful load (\(load.summary)); the machine is saturated")
        print("hitless reload (-x), target \(Int(HitlessReloadTests.targetRate))/s through 10 reloads: \(load.summary)")
        kill(current, SIGTERM)
        XCTAssertTrue(ProxyProcesses.waitUntilGone(current, seconds: 5))
    }

    /// The protocol is HAProxy's: real haproxy takes weir's sockets, then weir takes them back.
    func testSocketsPassBetweenHAProxyAndWeir() throws {
        let haproxy = try startBackend()
        let port = Loopback.freePort()
        let socket = directory.appendingPathComponent("admin.sock").path
        let config = try proxyConfig(port: port, socket: socket)
        let pidFile = directory.appendingPathComponent("proxy.pid").path
        let weirStart = try WeirProcess.weir(["haproxy", "-D", "-q", "-f", config, "-p", pidFile])
        XCTAssertEqual(weirStart.status, 0, weirStart.stderr)
        let weirPid = try XCTUnwrap(ProxyProcesses.pid(in: pidFile))
        daemons.insert(weirPid)
        XCTAssertTrue(Loopback.waitForListener(port: port))
        let inodes = listeningInodes(port: port)

        let toHAProxy = startDaemon(haproxy, ["-D", "-q", "-f", config, "-p", pidFile, "-x", socket, "-sf", "\(weirPid)"])
        XCTAssertEqual(toHAProxy.status, 0, toHAProxy.output)
        let haproxyPid = try XCTUnwrap(ProxyProcesses.pid(in: pidFile))
        daemons.insert(haproxyPid)
        XCTAssertTrue(ProxyProcesses.waitUntilGone(weirPid, seconds: 10), "weir finished after haproxy took its sockets")
        XCTAssertEqual(listeningInodes(port: port), inodes, "haproxy uses weir's socket")
        XCTAssertTrue(ok(port))

        let toWeir = try WeirProcess.weir(["haproxy", "-D", "-q", "-f", config, "-p", pidFile, "-x", socket, "-sf", "\(haproxyPid)"])
        XCTAssertEqual(toWeir.status, 0, toWeir.stderr)
        let weirAgain = try XCTUnwrap(ProxyProcesses.pid(in: pidFile))
        daemons.insert(weirAgain)
        XCTAssertTrue(ProxyProcesses.waitUntilGone(haproxyPid, seconds: 10), "haproxy finished after weir took its sockets")
        XCTAssertEqual(listeningInodes(port: port), inodes, "weir uses haproxy's socket")
        XCTAssertTrue(ok(port))
        kill(weirAgain, SIGTERM)
        XCTAssertTrue(ProxyProcesses.waitUntilGone(weirAgain, seconds: 5))
    }

    /// `-x` to a socket without `expose-fd listeners`, or to no socket: HAProxy's warning and alert, status 1,
    /// and the old process serves on.
    func testWithoutExposeFdTheNewProcessStopsAsHAProxy() throws {
        _ = try startBackend()
        let port = Loopback.freePort()
        let socket = directory.appendingPathComponent("plain.sock").path
        let config = try proxyConfig(port: port, socket: socket, exposes: false)
        let pidFile = directory.appendingPathComponent("weir.pid").path
        let first = try WeirProcess.weir(["haproxy", "-D", "-q", "-f", config, "-p", pidFile])
        XCTAssertEqual(first.status, 0, first.stderr)
        let current = try XCTUnwrap(ProxyProcesses.pid(in: pidFile))
        daemons.insert(current)
        XCTAssertTrue(Loopback.waitForListener(port: port))

        let refused = try WeirProcess.weir(["haproxy", "-D", "-f", config, "-p", pidFile, "-x", socket, "-sf", "\(current)"])
        XCTAssertEqual(refused.status, 1, refused.stderr)
        XCTAssertTrue(refused.stderr.contains("[WARNING]") && refused.stderr.contains("Failed to get the number of sockets to be transferred !"),
                      refused.stderr)
        XCTAssertTrue(refused.stderr.contains("[ALERT]") && refused.stderr.contains("Failed to get the sockets from the old process!"),
                      refused.stderr)
        let missing = directory.appendingPathComponent("none.sock").path
        let absent = try WeirProcess.weir(["haproxy", "-D", "-f", config, "-p", pidFile, "-x", missing, "-sf", "\(current)"])
        XCTAssertEqual(absent.status, 1, absent.stderr)
        XCTAssertTrue(absent.stderr.contains("Failed to connect to the old process socket '\(missing)'"), absent.stderr)
        XCTAssertEqual(ProxyProcesses.pid(in: pidFile), current, "the pid file still names the serving process")
        XCTAssertFalse(ProxyProcesses.waitUntilGone(current, seconds: 0.2), "the old process still runs")
        XCTAssertTrue(ok(port))
        kill(current, SIGTERM)
        XCTAssertTrue(ProxyProcesses.waitUntilGone(current, seconds: 5))
    }
}
