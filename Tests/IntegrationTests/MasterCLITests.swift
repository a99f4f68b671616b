import Foundation
import WeirTestSupport
import XCTest

/// `haproxy -W -S SOCKET`: the master CLI answers `show proc`, `help`,
/// `reload` and `@1`/`@!PID` commands as HAProxy 2.6's does. The real
/// haproxy runs the same commands beside weir and the shapes of the
/// answers (columns, sections, texts) are compared.
final class MasterCLITests: XCTestCase {
    private var directory: URL!

    override func setUpWithError() throws {
        directory = URL(fileURLWithPath: "/tmp/weir-mcli-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    private func ask(_ socket: String, _ lines: String) -> String { ProxyProcesses.ask(socket: socket, lines) }

    /// A line's shape: numbers, uptimes and versions replaced, so weir's and haproxy's answers compare.
    private func shape(_ text: String) -> [String] {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            line.split(separator: " ", omittingEmptySubsequences: true).map { word -> String in
                if word.allSatisfy(\.isNumber) { return "N" }
                if word.hasPrefix("2.6.12-") { return "VERSION" }
                if word.range(of: #"^\d+d\d\dh\d\dm\d\ds$"#, options: .regularExpression) != nil { return "UPTIME" }
                return String(word)
            }.joined(separator: " ")
        }
    }

    private func waitFor(_ text: String, times: Int, in process: BackgroundProcess) -> Bool {
        let deadline = Date().addingTimeInterval(15)
        while Date() < deadline {
            if process.output.components(separatedBy: text).count - 1 >= times { return true }
            usleep(50_000)
        }
        return false
    }

    private func startMaster(_ executable: String, _ prefix: [String], socket: String, port: Int,
                             extra: String = "") throws -> BackgroundProcess {
        let config = directory.appendingPathComponent("proxy-\(port).cfg").path
        try """
            global
                nbthread 1
            defaults
                mode http
                timeout connect 1s
                timeout client 5s
                timeout server 5s
            frontend web
                bind 127.0.0.1:\(port)
                http-request return status 200 content-type text/plain string "ok"
            \(extra)
            """.write(toFile: config, atomically: true, encoding: .utf8)
        let master = try BackgroundProcess(executable, prefix + ["-W", "-S", socket, "-f", config])
        XCTAssertTrue(waitFor("Loading success.", times: 1, in: master), master.output)
        // haproxy's master re-executes itself into its wait mode after "Loading success.": its CLI answers after that.
        let deadline = Date().addingTimeInterval(10)
        while ask(socket, "show proc\n").isEmpty, Date() < deadline { usleep(100_000) }
        return master
    }

    func testShowProcReloadAndForwardingMatchHAProxy() throws {
        guard let haproxy = Programs.path("haproxy") else {
            XCTFail("haproxy 2.6 is needed: its master CLI is the reference")
            return
        }
        let weirSocket = directory.appendingPathComponent("weir-master.sock").path
        let haproxySocket = directory.appendingPathComponent("haproxy-master.sock").path
        let weir = try startMaster(WeirProcess.binary.path, ["haproxy"], socket: weirSocket, port: Loopback.freePort())
        defer { weir.stop(signal: SIGTERM) }
        let real = try startMaster(haproxy, [], socket: haproxySocket, port: Loopback.freePort())
        defer { real.stop(signal: SIGTERM) }

        let weirProc = ask(weirSocket, "show proc\n")
        let realProc = ask(haproxySocket, "show proc\n")
        XCTAssertEqual(shape(weirProc), shape(realProc), "weir:\n\(weirProc)\nhaproxy:\n\(realProc)")
        let master = weir.process.processIdentifier
        XCTAssertTrue(weirProc.contains("\n\(master)"), weirProc)
        XCTAssertTrue(weirProc.hasPrefix("#<PID>          <type>          <reloads>       <uptime>        <version>"), weirProc)

        // help: haproxy's lines, less `show cli sockets`, which weir's master does not have.
        let realHelp = ask(haproxySocket, "help\n").split(separator: "\n").filter { !$0.contains("show cli sockets") }
        XCTAssertEqual(ask(weirSocket, "help\n").split(separator: "\n"), realHelp)
        XCTAssertEqual(shape(ask(weirSocket, "prompt\nshow version\n")), shape(ask(haproxySocket, "prompt\nshow version\n")))
        XCTAssertEqual(ask(weirSocket, "@7 show info\n"), ask(haproxySocket, "@7 show info\n"))

        // @1 reaches the current worker's runtime API, @!PID the same worker.
        let worker = try XCTUnwrap(weir.output.components(separatedBy: "New worker (").last?.prefix { $0.isNumber })
        XCTAssertTrue(ask(weirSocket, "@1 show info\n").contains("Pid: \(worker)\n"), ask(weirSocket, "@1 show info\n"))
        XCTAssertTrue(ask(weirSocket, "@!\(worker) show info\n").contains("Name: HAProxy\n"))

        // reload: a new worker; the master counts one reload, the new worker none.
        _ = ask(weirSocket, "reload\n")
        _ = ask(haproxySocket, "reload\n")
        XCTAssertTrue(waitFor("Loading success.", times: 2, in: weir), weir.output)
        XCTAssertTrue(waitFor("Loading success.", times: 2, in: real), real.output)
        XCTAssertTrue(waitFor("Former worker", times: 1, in: weir), weir.output)
        XCTAssertTrue(waitFor("Former worker", times: 1, in: real), real.output)
        let reloaded = ask(weirSocket, "show proc\n")
        XCTAssertEqual(shape(reloaded), shape(ask(haproxySocket, "show proc\n")), reloaded)
        XCTAssertTrue(reloaded.contains(" 1 [failed: 0] "), reloaded)
        let newWorker = try XCTUnwrap(weir.output.components(separatedBy: "New worker (").last?.prefix { $0.isNumber })
        XCTAssertNotEqual(newWorker, worker)
        XCTAssertTrue(ask(weirSocket, "@1 show info\n").contains("Pid: \(newWorker)\n"))
    }

    /// `program` sections: started by the master, listed under `# programs`, left running by a reload and
    /// stopped with the master, as haproxy 2.6's.
    func testProgramsAreListedKeptAcrossAReloadAndStoppedAsHAProxy() throws {
        guard let haproxy = Programs.path("haproxy"), Programs.path("sleep") != nil else {
            XCTFail("haproxy 2.6 (the reference) and sleep are needed")
            return
        }
        let programs = "program sleeper\n    command sleep 60\n"
        let weirSocket = directory.appendingPathComponent("weir-prog.sock").path
        let haproxySocket = directory.appendingPathComponent("haproxy-prog.sock").path
        let weir = try startMaster(WeirProcess.binary.path, ["haproxy"], socket: weirSocket, port: Loopback.freePort(), extra: programs)
        defer { weir.stop(signal: SIGKILL) }
        let real = try startMaster(haproxy, [], socket: haproxySocket, port: Loopback.freePort(), extra: programs)
        // SIGTERM: haproxy's master stops its program too (a SIGKILL would leave `sleep` running for a minute).
        defer { real.stop(signal: SIGTERM) }

        let weirProc = ask(weirSocket, "show proc\n")
        XCTAssertEqual(shape(weirProc), shape(ask(haproxySocket, "show proc\n")), weirProc)
        XCTAssertTrue(weir.output.contains("New program 'sleeper' ("), weir.output)
        let program = try XCTUnwrap(Int32(weirProc.components(separatedBy: "# programs\n").last?.prefix { $0.isNumber } ?? ""), weirProc)
        XCTAssertTrue(ProxyProcesses.isAlive(program))

        _ = ask(weirSocket, "reload\n")
        _ = ask(haproxySocket, "reload\n")
        XCTAssertTrue(waitFor("Former worker", times: 1, in: weir), weir.output)
        XCTAssertTrue(waitFor("Former worker", times: 1, in: real), real.output)
        let reloaded = ask(weirSocket, "show proc\n")
        XCTAssertEqual(shape(reloaded), shape(ask(haproxySocket, "show proc\n")), reloaded)
        XCTAssertTrue(reloaded.contains("\(program)"), "the same program runs on: \(reloaded)")

        kill(weir.process.processIdentifier, SIGTERM)
        weir.process.waitUntilExit()
        XCTAssertEqual(weir.process.terminationStatus, 0, weir.output)
        XCTAssertFalse(ProxyProcesses.isAlive(program), "the program stopped with the master")
    }
}
