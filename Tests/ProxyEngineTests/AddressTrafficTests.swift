import Foundation
import WeirTestSupport
import XCTest

/// Listeners and servers in every address form, with real traffic: Unix
/// sockets (curl --unix-socket) with their mode and owner, abstract names
/// reached by the real haproxy and reaching it, servers that follow the
/// client's port, and a listening socket inherited as `fd@3` by `weir run`.
final class AddressTrafficTests: XCTestCase {
    private var harness: EngineHarness!
    private var serverPort = 0
    private var directory = ""
    private var haproxy: BackgroundProcess?

    override func setUp() async throws {
        harness = EngineHarness()
        serverPort = Loopback.freePort()
        try harness.startBackend("a", port: serverPort)
        // Short: a Unix socket path has at most 107 bytes.
        directory = "/tmp/weir-addr-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    override func tearDown() async throws {
        haproxy?.stop()
        await harness.shutdown()
        try? FileManager.default.removeItem(atPath: directory)
    }

    private func config(global: String = "", binds: [String], servers: [String]? = nil, mode: String = "http") -> String {
        "global\n" + global + """
        defaults
            mode \(mode)
            timeout connect 1s
            timeout client 5s
            timeout server 5s
        frontend f

        """ + binds.map { "    bind \($0)\n" }.joined() + """
            default_backend pool
        backend pool

        """ + (servers ?? ["127.0.0.1:\(serverPort)"]).enumerated().map { "    server s\($0.offset) \($0.element)\n" }.joined()
    }

    /// Starts the real haproxy on `sections` after a `defaults` section, once `ready` holds.
    private func startHAProxy(sections: String, readyWhen ready: () -> Bool) throws {
        guard let path = Programs.path("haproxy") else { return XCTFail("haproxy is not installed: this test runs it beside the engine") }
        let file = "\(directory)/haproxy.cfg"
        let defaults = "defaults\n    mode http\n    timeout connect 1s\n    timeout client 5s\n    timeout server 5s\n"
        try (defaults + sections).write(toFile: file, atomically: true, encoding: .utf8)
        let process = try BackgroundProcess(path, ["-db", "-f", file])
        haproxy = process
        let deadline = Date().addingTimeInterval(5)
        while !ready(), Date() < deadline { usleep(50_000) }
        XCTAssertTrue(ready(), "haproxy did not start: \(process.output)")
    }

    func testUnixSocketListenersTakeTheirModeAndOwnerAndReplaceAnExistingFile() async throws {
        let account = try XCTUnwrap(getpwuid(getuid())).pointee
        let user = String(cString: account.pw_name)
        try "stale".write(toFile: "\(directory)/b.sock", atomically: true, encoding: .utf8)
        try await harness.startEngine(config(global: "    unix-bind mode 640\n",
                                             binds: ["unix@\(directory)/a.sock mode 600 user \(user)", "\(directory)/b.sock"]))
        for name in ["a.sock", "b.sock"] {
            let result = try ProductionConfigTrafficTests.run(URL(fileURLWithPath: "/usr/bin/env"),
                                                              ["curl", "-s", "--max-time", "5", "--unix-socket", "\(directory)/\(name)", "http://x/"])
            XCTAssertEqual(result.status, 0, "curl on \(name): \(result.output)")
            XCTAssertTrue(result.output.hasPrefix("a\n"), "\(name): \(result.output)")
        }
        var status = stat()
        XCTAssertEqual(stat("\(directory)/a.sock", &status), 0)
        XCTAssertEqual(status.st_mode & S_IFMT, S_IFSOCK)
        XCTAssertEqual(status.st_mode & 0o7777, 0o600)
        XCTAssertEqual(status.st_uid, account.pw_uid)
        XCTAssertEqual(stat("\(directory)/b.sock", &status), 0)
        XCTAssertEqual(status.st_mode & S_IFMT, S_IFSOCK, "the regular file was not replaced by the socket")
        XCTAssertEqual(status.st_mode & 0o7777, 0o640)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: directory).sorted(), ["a.sock", "b.sock"])
        XCTAssertTrue(harness.events.contains { "\($0)".contains("listening on unix@\(directory)/a.sock") }, "\(harness.events)")
    }

    func testAnUnknownUserStopsTheStartWithHAProxysMessage() async throws {
        do {
            try await harness.startEngine(config(binds: ["\(directory)/a.sock user no-such-user-weir"]))
            XCTFail("the engine started")
        } catch {
            XCTAssertTrue("\(error)".contains("cannot bind socket (unknown user name 'no-such-user-weir') [unix@\(directory)/a.sock]"), "\(error)")
        }
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: directory), [], "a temporary socket file was left")
    }

    /// haproxy's `abns@` server reaches the engine's `abns@` listener, and the
    /// engine's `abns@` server reaches haproxy's listener: both pad the name the same way.
    func testAbstractNamesReachHAProxyAndAreReachedByIt() async throws {
        let tag = UUID().uuidString.prefix(8)
        let haproxyPort = Loopback.freePort(), enginePort = Loopback.freePort()
        try await harness.startEngine(config(binds: ["abns@weir-\(tag)-engine"]) + """
            frontend g
                bind 127.0.0.1:\(enginePort)
                default_backend to_haproxy
            backend to_haproxy
                server h abns@weir-\(tag)-haproxy

            """)
        try startHAProxy(sections: """
            frontend answer
                bind abns@weir-\(tag)-haproxy
                http-request return status 200 content-type text/plain string haproxy-abns
            frontend ask
                bind 127.0.0.1:\(haproxyPort)
                default_backend to_engine
            backend to_engine
                server e abns@weir-\(tag)-engine

            """, readyWhen: { Loopback.connect(port: haproxyPort).map { close($0) } != nil })
        XCTAssertTrue(EngineHarness.request(port: haproxyPort, "/").body.hasPrefix("a\n"), "haproxy did not reach the engine")
        XCTAssertEqual(EngineHarness.request(port: enginePort, "/").body, "haproxy-abns")
        let fd = try XCTUnwrap(AbstractSocket.connect("weir-\(tag)-engine"), "nothing listens on abns@weir-\(tag)-engine")
        defer { close(fd) }
        Loopback.send(fd, "GET / HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n")
        XCTAssertEqual(EngineHarness.parse(Loopback.readAll(fd, seconds: 3)).status, 200)
    }

    func testServersOnUnixSocketsAreProxiedToAndChecked() async throws {
        let port = Loopback.freePort()
        try startHAProxy(sections: """
            frontend answer
                bind unix@\(directory)/h.sock
                http-request return status 200 content-type text/plain string haproxy-unix

            """, readyWhen: { FileManager.default.fileExists(atPath: "\(directory)/h.sock") })
        try await harness.startEngine(config(binds: ["127.0.0.1:\(port)"],
                                             servers: ["unix@\(directory)/h.sock check inter 100", "\(directory)/h.sock check inter 100"]))
        for _ in 0..<2 { XCTAssertEqual(EngineHarness.request(port: port, "/").body, "haproxy-unix") }
        try await Task.sleep(nanoseconds: 500_000_000)
        XCTAssertFalse(harness.events.contains { "\($0)".contains("DOWN") }, "\(harness.events)")
        haproxy?.stop()
        let down = await harness.waitForEvent(seconds: 3) { "\($0)".contains("DOWN") }
        XCTAssertTrue(down, "the checks did not see the Unix socket go away: \(harness.events)")
    }

    /// `server s 127.0.0.1:+N`: the port the client connected to, plus N (HTTP and TCP mode).
    func testServersWithoutAPortFollowTheClientsPort() async throws {
        let port = Loopback.freePort(), tcpPort = Loopback.freePort()
        func offset(from listener: Int) -> String { serverPort >= listener ? "+\(serverPort - listener)" : "\(serverPort - listener)" }
        try await harness.startEngine(config(binds: ["127.0.0.1:\(port)"], servers: ["127.0.0.1:\(offset(from: port))"]) + """
            listen t
                mode tcp
                bind 127.0.0.1:\(tcpPort)
                server s 127.0.0.1:\(offset(from: tcpPort))

            """)
        XCTAssertTrue(EngineHarness.request(port: port, "/").body.hasPrefix("a\n"))
        XCTAssertTrue(EngineHarness.request(port: tcpPort, "/").body.hasPrefix("a\n"))
    }

    /// A kept-alive connection to a server without a port serves the port it was opened for: a client
    /// of another listener port is sent to its own port, not to the pooled connection (one event loop,
    /// so both clients share the pool).
    func testPooledConnectionsOfAServerWithoutAPortServeOnlyTheirPort() async throws {
        let single = EngineHarness(threads: 1)
        let listener = Self.consecutiveFreePorts(), server = Self.consecutiveFreePorts()
        try single.startBackend("a", port: server)
        try single.startBackend("b", port: server + 1)
        let offset = server - listener
        try await single.startEngine(config(binds: ["127.0.0.1:\(listener)", "127.0.0.1:\(listener + 1)"],
                                            servers: ["127.0.0.1:\(offset >= 0 ? "+" : "")\(offset)"]))
        XCTAssertTrue(EngineHarness.request(port: listener, "/").body.hasPrefix("a\n"))
        XCTAssertTrue(EngineHarness.request(port: listener + 1, "/").body.hasPrefix("b\n"))
        XCTAssertTrue(EngineHarness.request(port: listener, "/").body.hasPrefix("a\n"))
        await single.shutdown()
    }

    /// A port on 127.0.0.1 that nothing listens on, whose next port is free too.
    private static func consecutiveFreePorts() -> Int {
        while true {
            let port = Loopback.freePort()
            guard port < 65535 else { continue }
            guard let taken = Loopback.connect(port: port + 1) else { return port }
            close(taken)
        }
    }

    /// Starts a program with descriptor 3 open on a listening socket of 127.0.0.1 (`listen PORT`) or
    /// on /dev/null (`file`), as systemd socket activation or HAProxy's test harness start it.
    static let launcher = """
        import os, socket, sys
        if sys.argv[1] == "listen":
            opened = socket.socket()
            opened.bind(("127.0.0.1", int(sys.argv[2])))
            opened.listen(16)
            fd = opened.fileno()
        else:
            fd = os.open("/dev/null", os.O_RDONLY)
        if fd != 3:
            os.dup2(fd, 3)
        os.set_inheritable(3, True)
        os.execv(sys.argv[3], sys.argv[3:])
        """

    private func launch(_ kind: String, port: Int, _ program: String, _ arguments: [String]) throws -> BackgroundProcess {
        guard let python = Programs.path("python3") else { throw XCTSkip("python3 is not installed") }
        return try BackgroundProcess(python, ["-c", Self.launcher, kind, String(port), program] + arguments)
    }

    /// `bind fd@3`: `weir run` serves on a listening socket its parent opened, as the real haproxy does when
    /// started the same way.
    func testAnInheritedListeningSocketIsServedByWeirRunAsByHAProxy() throws {
        let weir = try ProductionConfigTrafficTests.weirBinary().path
        let haproxy = try XCTUnwrap(Programs.path("haproxy"), "haproxy is not installed: this test runs it beside the engine")
        let file = "\(directory)/fd.cfg"
        try config(binds: ["fd@3"]).write(toFile: file, atomically: true, encoding: .utf8)
        for (program, arguments) in [(weir, ["run", "--threads", "1", file]), (haproxy, ["-db", "-f", file])] {
            let port = Loopback.freePort()
            let process = try launch("listen", port: port, program, arguments)
            XCTAssertTrue(Loopback.waitForListener(port: port), process.output)
            XCTAssertTrue(EngineHarness.request(port: port, "/").body.hasPrefix("a\n"), "\(program): \(process.output)")
            kill(process.process.processIdentifier, SIGTERM)
            process.process.waitUntilExit()
            if program == weir {
                XCTAssertEqual(process.process.terminationStatus, 0, process.output)
                XCTAssertTrue(process.output.contains("frontend f listening on fd@3 (127.0.0.1:\(port))"), process.output)
            }
        }
    }

    /// `stats socket fd@3`: the runtime API on an inherited socket, as VTest gives haproxy its CLI in every
    /// reg-test; both answer `show info` there.
    func testAStatsSocketOnAnInheritedDescriptorAnswersAsHAProxysDoes() throws {
        let weir = try ProductionConfigTrafficTests.weirBinary().path
        let haproxy = try XCTUnwrap(Programs.path("haproxy"), "haproxy is not installed: this test runs it beside the engine")
        let file = "\(directory)/cli.cfg"
        let front = Loopback.freePort()
        try config(global: "    stats socket fd@3 level admin\n", binds: ["127.0.0.1:\(front)"])
            .write(toFile: file, atomically: true, encoding: .utf8)
        for (program, arguments) in [(weir, ["run", "--threads", "1", file]), (haproxy, ["-db", "-f", file])] {
            let port = Loopback.freePort()
            let process = try launch("listen", port: port, program, arguments)
            XCTAssertTrue(Loopback.waitForListener(port: front), "\(program): \(process.output)")
            let answer = Loopback.exchange(port: port, "show info\n")
            XCTAssertTrue(answer.contains("Pid: \(process.process.processIdentifier)"), "\(program): \(answer)")
            kill(process.process.processIdentifier, SIGTERM)
            process.process.waitUntilExit()
        }
    }

    func testAnInheritedDescriptorThatIsNotASocketStopsWeirRunAsItStopsHAProxy() throws {
        let weir = try ProductionConfigTrafficTests.weirBinary().path
        let haproxy = try XCTUnwrap(Programs.path("haproxy"), "haproxy is not installed: this test runs it beside the engine")
        let file = "\(directory)/fd.cfg"
        try config(binds: ["fd@3"]).write(toFile: file, atomically: true, encoding: .utf8)
        for (program, arguments) in [(weir, ["run", "--threads", "1", file]), (haproxy, ["-c", "-f", file])] {
            let process = try launch("file", port: 0, program, arguments)
            process.process.waitUntilExit()
            XCTAssertNotEqual(process.process.terminationStatus, 0, "\(program) accepted fd@3 on /dev/null")
            XCTAssertTrue(process.output.contains("cannot use file descriptor '3' : "), "\(program): \(process.output)")
        }
    }
}

/// A client of Linux's abstract namespace, padding the name as HAProxy 2.6 does.
enum AbstractSocket {
    static func connect(_ name: String) -> Int32? {
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = [UInt8(0)] + Array(name.utf8)
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: bytes) }
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard result == 0 else {
            close(fd)
            return nil
        }
        return fd
    }
}
