import Foundation
import WeirTestSupport
import XCTest

/// Stick tables survive a reload through the local peer, as HAProxy's do:
/// requests are tracked (`http_req_cnt`, `http_req_rate`, a persistence
/// entry from `stick on src`), `gpc0` is set on the runtime socket, the
/// process is reloaded (`-sf`, then a master-worker's SIGUSR2), and the new
/// process's runtime socket shows the same entries. The real haproxy 2.6
/// runs the same steps and its `show table` answers are the reference.
final class StickTableReloadTests: XCTestCase {
    /// haproxy teaches the next process only once its own start-up resync is over: 5 s when no older
    /// process was there to teach it (PEER_RESYNC_TIMEOUT). A reload sooner loses its tables; the test waits.
    static let startUpResync: useconds_t = 5_500_000

    private var directory: URL!
    private var daemons: Set<Int32> = []

    override func setUpWithError() throws {
        directory = URL(fileURLWithPath: "/tmp/weir-streload-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        for pid in daemons { kill(pid, SIGKILL) }
        try? FileManager.default.removeItem(at: directory)
    }

    /// The proxy: a frontend tracking the client, a backend sticking it to its server, both tables in `peers local`,
    /// whose only peer is this process (its old and new selves meet there).
    private func config(name: String, port: Int, backendPort: Int, socket: String) throws -> String {
        let path = directory.appendingPathComponent("\(name).cfg").path
        try """
            global
                nbthread 1
                hard-stop-after 10s
                localpeer me
                stats socket \(socket) mode 600 level admin
            peers local
                peer me 127.0.0.1:\(Loopback.freePort())
            defaults
                mode http
                timeout connect 1s
                timeout client 5s
                timeout server 5s
            frontend web
                bind 127.0.0.1:\(port)
                stick-table type ip size 1k expire 10m store gpc0,http_req_cnt,http_req_rate(10m) peers local
                http-request track-sc0 src
                default_backend app
            backend app
                stick-table type ip size 1k expire 10m peers local
                stick on src
                server s1 127.0.0.1:\(backendPort)

            """.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// The entries of both tables, without what differs between processes (addresses in memory) or runs (`exp`).
    private func tables(_ socket: String) -> [String] {
        ["web", "app"].flatMap { table in
            ProxyProcesses.ask(socket: socket, "show table \(table)").split(separator: "\n").map { line in
                line.replacingOccurrences(of: #"^0x[0-9a-f]+: "#, with: "", options: .regularExpression)
                    .replacingOccurrences(of: #" exp=\d+"#, with: " exp=…", options: .regularExpression)
            }
        }
    }

    /// The milliseconds left to the frontend table's entry.
    private func expiry(_ socket: String) -> Int? {
        let answer = ProxyProcesses.ask(socket: socket, "show table web")
        guard let range = answer.range(of: #"exp=\d+"#, options: .regularExpression) else { return nil }
        return Int(answer[range].dropFirst(4))
    }

    /// Three tracked requests and gpc0 set to 7: what every reload must carry over.
    private func learn(port: Int, socket: String) {
        for _ in 0..<3 {
            XCTAssertTrue(AnsweringBackend.answered(Loopback.exchange(port: port, "GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")))
        }
        XCTAssertEqual(ProxyProcesses.ask(socket: socket, "set table web key 127.0.0.1 data.gpc0 7"), "\n")
    }

    /// `-D -sf OLD` with `program`; the tables as the new process shows them, and whether `exp` went on counting down.
    private func reloadWithSf(_ program: [String], backend: AnsweringBackend, tag: String) throws -> (before: [String], after: [String]) {
        let port = Loopback.freePort()
        let socket = directory.appendingPathComponent("\(tag).sock").path
        let config = try config(name: tag, port: port, backendPort: backend.port, socket: socket)
        let pidFile = directory.appendingPathComponent("\(tag).pid").path
        let log = directory.appendingPathComponent("\(tag).log").path
        let first = ProxyProcesses.startDaemon(program[0], Array(program.dropFirst()) + ["-D", "-q", "-f", config, "-p", pidFile], log: log)
        XCTAssertEqual(first.status, 0, first.output)
        let old = try XCTUnwrap(ProxyProcesses.pid(in: pidFile))
        daemons.insert(old)
        XCTAssertTrue(Loopback.waitForListener(port: port))
        learn(port: port, socket: socket)
        usleep(Self.startUpResync)
        let before = tables(socket)
        let expiryBefore = try XCTUnwrap(expiry(socket))

        let reload = ProxyProcesses.startDaemon(program[0], Array(program.dropFirst()) + ["-D", "-q", "-f", config, "-p", pidFile, "-sf", "\(old)"],
                                                log: log)
        XCTAssertEqual(reload.status, 0, reload.output)
        let new = try XCTUnwrap(ProxyProcesses.pid(in: pidFile))
        daemons.insert(new)
        XCTAssertNotEqual(new, old)
        XCTAssertTrue(ProxyProcesses.waitUntilGone(old, seconds: 10), "\(tag): the old process finished")
        let after = tables(socket)
        XCTAssertLessThanOrEqual(try XCTUnwrap(expiry(socket), "\(tag): \(after)"), expiryBefore,
                                 "\(tag): the entry kept its expiry date, it was not created afresh")
        kill(new, SIGTERM)
        XCTAssertTrue(ProxyProcesses.waitUntilGone(new, seconds: 5))
        return (before, after)
    }

    func testSfReloadKeepsTheTablesAsHAProxyDoes() throws {
        let haproxy = try XCTUnwrap(Programs.path("haproxy"), "haproxy 2.6 is needed: the reference")
        let backend = try AnsweringBackend(directory: directory)
        defer { backend.stop() }
        let real = try reloadWithSf([haproxy], backend: backend, tag: "haproxy")
        let weir = try reloadWithSf([try WeirProcess.binary.path, "haproxy"], backend: backend, tag: "weir")
        XCTAssertTrue(real.after.contains("key=127.0.0.1 use=0 exp=… gpc0=7 http_req_cnt=3 http_req_rate(600000)=3"), "\(real.after)")
        XCTAssertEqual(real.after, real.before, "haproxy keeps its tables across -sf")
        XCTAssertEqual(weir.before, real.before)
        XCTAssertEqual(weir.after, real.after)
    }

    /// `-W`: SIGUSR2 to the master; the new worker learns from the old one.
    private func reloadMasterWorker(_ program: [String], backend: AnsweringBackend, tag: String) throws -> (before: [String], after: [String]) {
        let port = Loopback.freePort()
        let socket = directory.appendingPathComponent("\(tag).sock").path
        let config = try config(name: tag, port: port, backendPort: backend.port, socket: socket)
        let master = try BackgroundProcess(program[0], Array(program.dropFirst()) + ["-W", "-f", config])
        defer { master.stop(signal: SIGTERM) }
        XCTAssertTrue(master.waitForOutput("Loading success.", seconds: 15), master.output)
        XCTAssertTrue(Loopback.waitForListener(port: port))
        // haproxy's master re-executes itself after its first "Loading success."; SIGUSR2 is blocked meanwhile.
        usleep(500_000)
        learn(port: port, socket: socket)
        usleep(Self.startUpResync)
        let before = tables(socket)
        kill(master.process.processIdentifier, SIGUSR2)
        let deadline = Date().addingTimeInterval(15)
        while master.output.components(separatedBy: "Former worker").count < 2, Date() < deadline { usleep(50_000) }
        XCTAssertTrue(master.output.contains("Former worker"), "\(tag): the old worker finished: \(master.output)")
        return (before, tables(socket))
    }

    func testMasterWorkerReloadKeepsTheTablesAsHAProxyDoes() throws {
        let haproxy = try XCTUnwrap(Programs.path("haproxy"), "haproxy 2.6 is needed: the reference")
        let backend = try AnsweringBackend(directory: directory)
        defer { backend.stop() }
        let real = try reloadMasterWorker([haproxy], backend: backend, tag: "haproxy-mw")
        let weir = try reloadMasterWorker([try WeirProcess.binary.path, "haproxy"], backend: backend, tag: "weir-mw")
        XCTAssertEqual(real.after, real.before, "haproxy keeps its tables across a master-worker reload")
        XCTAssertEqual(weir.before, real.before)
        XCTAssertEqual(weir.after, real.after)
    }
}
