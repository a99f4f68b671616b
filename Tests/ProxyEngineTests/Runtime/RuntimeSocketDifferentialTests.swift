import Foundation
import WeirTestSupport
import XCTest

/// The runtime API (`stats socket`) of the real haproxy 2.6 and of the engine
/// on the same configuration, asked the same commands over their Unix
/// sockets: the CSV header of `show stat` byte for byte, the same rows and
/// filled columns, the same messages, levels and prompt mode.
final class RuntimeSocketDifferentialTests: XCTestCase {
    /// The real haproxy and the engine, each with sockets at admin, operator and user level.
    final class Pair: @unchecked Sendable {
        let directory: URL
        let harness = EngineHarness()
        private(set) var reference: BackgroundProcess?
        let enginePort = Loopback.freePort()
        let haproxyPort = Loopback.freePort()
        let serverPorts = [Loopback.freePort(), Loopback.freePort()]
        /// Words added to each `server` line (`check`…).
        let serverOptions: String

        init(serverOptions: String = "") async throws {
            self.serverOptions = serverOptions
            let haproxy = try XCTUnwrap(Programs.path("haproxy"), "haproxy is not installed (bash .ci/run installs it)")
            directory = FileManager.default.temporaryDirectory.appendingPathComponent("weir-cli-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try harness.startBackend("app01", port: serverPorts[0])
            try harness.startBackend("app02", port: serverPorts[1])
            let file = directory.appendingPathComponent("haproxy.cfg")
            try config(side: "haproxy", port: haproxyPort).write(to: file, atomically: true, encoding: .utf8)
            reference = try BackgroundProcess(haproxy, ["-db", "-f", file.path])
            try await harness.startEngine(config(side: "engine", port: enginePort))
            XCTAssertTrue(CLIClient.waitForSocket(socket("haproxy", "admin")), reference?.output ?? "")
        }

        func socket(_ side: String, _ level: String) -> String { directory.appendingPathComponent("\(side)-\(level).sock").path }

        func config(side: String, port: Int) -> String {
            """
            global
                stats socket \(socket(side, "admin")) level admin mode 600
                stats socket \(socket(side, "operator"))
                stats socket \(socket(side, "user")) level user
            defaults
                mode http
                timeout connect 1s
                timeout client 5s
                timeout server 5s
            frontend fe
                bind 127.0.0.1:\(port)
                default_backend app
            backend app
                balance roundrobin
                server app01 127.0.0.1:\(serverPorts[0])\(serverOptions)
                server app02 127.0.0.1:\(serverPorts[1])\(serverOptions)

            """
        }

        /// The same command on both sides, at one level.
        func ask(_ command: String, level: String = "admin") -> (haproxy: String, engine: String) {
            (CLIClient.send(path: socket("haproxy", level), command), CLIClient.send(path: socket("engine", level), command))
        }

        func shutdown() async {
            reference?.stop()
            await harness.shutdown()
            try? FileManager.default.removeItem(at: directory)
        }
    }

    func testShowStatHeaderRowsAndColumnsMatchHAProxy() async throws {
        let pair = try await Pair()
        defer { Task { await pair.shutdown() } }
        for _ in 0..<4 {
            XCTAssertEqual(EngineHarness.request(port: pair.enginePort, "/").status, 200)
            XCTAssertEqual(EngineHarness.request(port: pair.haproxyPort, "/").status, 200)
        }
        let (haproxy, engine) = pair.ask("show stat")
        let haproxyLines = haproxy.components(separatedBy: "\n"), engineLines = engine.components(separatedBy: "\n")
        XCTAssertEqual(engineLines.first, haproxyLines.first, "the CSV header differs")
        XCTAssertTrue(engine.hasSuffix(",\n\n"), "each line ends with ',' and the output with an empty line")
        // The same rows, and on each row the same columns filled (values may differ).
        func shape(_ lines: [String]) -> [String] {
            lines.dropFirst().filter { !$0.isEmpty }.map { line in
                let fields = line.components(separatedBy: ",")
                return fields[0] + "/" + fields[1] + " " + fields.map { $0.isEmpty ? "_" : "x" }.joined()
            }
        }
        XCTAssertEqual(shape(engineLines), shape(haproxyLines))
        // Counters follow the traffic: four requests through the frontend, two per server.
        let rows = engineLines.map { $0.components(separatedBy: ",") }
        let header = haproxyLines[0].dropFirst(2).components(separatedBy: ",")
        func value(_ proxy: String, _ row: String, _ column: String) -> String? {
            guard let index = header.firstIndex(of: column) else { return nil }
            return rows.first { $0.count > index && $0[0] == proxy && $0[1] == row }?[index]
        }
        XCTAssertEqual(value("fe", "FRONTEND", "stot"), "4")
        XCTAssertEqual(value("fe", "FRONTEND", "req_tot"), "4")
        XCTAssertEqual(value("fe", "FRONTEND", "hrsp_2xx"), "4")
        XCTAssertEqual(value("app", "app01", "stot"), "2")
        XCTAssertEqual(value("app", "app02", "lbtot"), "2")
        XCTAssertEqual(value("app", "BACKEND", "stot"), "4")
        XCTAssertNotEqual(value("app", "BACKEND", "bout"), "0")
        XCTAssertEqual(value("app", "app01", "status"), "no check")
        XCTAssertEqual(value("app", "app01", "addr"), "127.0.0.1:\(pair.serverPorts[0])")
    }

    func testShowStatTypedNamesTheSameFields() async throws {
        let pair = try await Pair()
        defer { Task { await pair.shutdown() } }
        let (haproxy, engine) = pair.ask("show stat typed")
        func fields(_ text: String) -> [String] {
            text.split(separator: "\n").map { line in
                let parts = line.split(separator: ":", maxSplits: 3)
                return parts.prefix(3).joined(separator: ":")
            }
        }
        XCTAssertEqual(fields(engine), fields(haproxy))
    }

    func testMessagesMatchHAProxy() async throws {
        let pair = try await Pair()
        defer { Task { await pair.shutdown() } }
        let commands = [
            "show backend", "set server app/nosuch state ready", "set server app state ready", "set server nob/x state ready",
            "set server app/app01 state foo", "set server app/app01 weight 300", "set server app/app01 weight -1%",
            "set server app/app01 weight", "set server app/app01 weight 5", "get weight app/app01",
            "set server app/app01 weight 50%", "get weight app/app01", "enable health app/app01", "disable health app/app01",
            "set maxconn global", "set maxconn frontend nosuch 10", "set maxconn frontend fe 100", "set maxconn frontend fe",
            "set maxconn frontend fe -1", "set maxconn frontend", "set maxconn global -5", "set maxconn global 99999999",
            "set server app/app01 state drain", "set server app/app01 state ready", "disable server app/app01",
            "enable server app/app01", "show errors foo bar", "set server #3/#2 state ready", "show servers state nosuch",
            "set server app/app02 addr", "set server app/app02 addr foo", "set server app/app02 addr 127.0.0.1",
            "set server app/app02 addr 127.0.0.2 port 9", "set server app/app02 addr 127.0.0.3",
            "set server app/app02 addr 127.0.0.1 port \(pair.serverPorts[1])",
        ]
        for command in commands {
            let (haproxy, engine) = pair.ask(command)
            XCTAssertEqual(engine, haproxy, command)
        }
        // Unknown commands: the same first line (the suggestions are the engine's own commands).
        for command in ["foo", "show foo", "set maxconn", "set maxconn foo 1", "help foo"] {
            let (haproxy, engine) = pair.ask(command)
            XCTAssertEqual(engine.components(separatedBy: "\n").first, haproxy.components(separatedBy: "\n").first, command)
            XCTAssertTrue(engine.hasSuffix("  quit                                    : disconnect\n\n"), engine)
            XCTAssertTrue(haproxy.hasSuffix("  quit                                    : disconnect\n\n"), haproxy)
        }
        let (haproxyHelp, engineHelp) = pair.ask("help")
        XCTAssertEqual(engineHelp.components(separatedBy: "\n").first, haproxyHelp.components(separatedBy: "\n").first)
        for line in engineHelp.components(separatedBy: "\n").dropFirst() where !line.isEmpty {
            XCTAssertTrue(haproxyHelp.contains(line + "\n"), "help line not as HAProxy writes it: \(line)")
        }
    }

    func testLevelsRefuseWhatHAProxyRefuses() async throws {
        let pair = try await Pair()
        defer { Task { await pair.shutdown() } }
        let cases: [(String, String)] = [
            ("user", "show sess"), ("user", "show errors"), ("user", "set server app/app01 state drain"),
            ("operator", "set server app/app01 state drain"), ("operator", "set maxconn global 5"), ("user", "show backend"),
            ("admin", "user; set server app/app01 state drain"), ("operator", "disable health app/app01"),
        ]
        for (level, command) in cases {
            let (haproxy, engine) = pair.ask(command, level: level)
            XCTAssertEqual(engine, haproxy, "\(level): \(command)")
        }
        let (haproxy, engine) = pair.ask("show errors", level: "operator")
        XCTAssertTrue(engine.hasPrefix("Total events captured on ["), engine)
        XCTAssertEqual(engine.count, haproxy.count)
    }

    func testServersStateAndInfoHaveHAProxysLayout() async throws {
        let pair = try await Pair()
        defer { Task { await pair.shutdown() } }
        _ = pair.ask("set server app/app02 state drain")
        _ = pair.ask("set server app/app01 weight 7")
        let (haproxy, engine) = pair.ask("show servers state")
        // Everything but srv_time_since_last_change (10th field) and the ports, which differ between the two sides.
        func masked(_ text: String) -> [String] {
            text.components(separatedBy: "\n").map { line in
                var fields = line.components(separatedBy: " ")
                if fields.count == 25 { fields[9] = "T"; fields[18] = "P" }
                return fields.joined(separator: " ")
            }
        }
        XCTAssertEqual(masked(engine), masked(haproxy))
        let (haproxyInfo, engineInfo) = pair.ask("show info")
        func names(_ text: String) -> [String] { text.split(separator: "\n").map { String($0.prefix { $0 != ":" }) } }
        XCTAssertEqual(names(engineInfo), names(haproxyInfo))
        XCTAssertTrue(engineInfo.hasSuffix("\n\n"))
    }

    func testPromptModeAndSeveralCommandsOnALine() async throws {
        let pair = try await Pair()
        defer { Task { await pair.shutdown() } }
        let (haproxy, engine) = pair.ask("prompt\nshow backend\nget weight app/app01; show backend\nquit")
        XCTAssertEqual(engine, haproxy)
        XCTAssertEqual(engine, "\n> # name\napp\n\n> 1 (initial 1)\n\n> # name\napp\n\n> ")
        let (haproxyOneShot, engineOneShot) = pair.ask("get weight app/app01;show backend")
        XCTAssertEqual(engineOneShot, haproxyOneShot)
    }
}
