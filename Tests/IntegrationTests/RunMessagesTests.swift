import Foundation
import WeirTestSupport
import XCTest

/// What `weir run` prints reads like HAProxy's messages: servers and
/// listeners by name, the address, the reason in words, a timestamp on each
/// event, and the startup warnings in line order.
final class RunMessagesTests: XCTestCase {
    private var file: URL!

    override func setUpWithError() throws {
        file = FileManager.default.temporaryDirectory.appendingPathComponent("weir-runmsg-\(UUID().uuidString).cfg")
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: file)
    }

    private func write(listen port: Int, server: Int) throws {
        try """
            global
                tune.ssl.default-dh-param 2048
                ssl-server-verify none

            defaults
                mode http
                timeout connect 1s
                timeout client 5s
                timeout server 5s

            frontend f
                bind 127.0.0.1:\(port)
                http-request tarpit if { path /t }
                default_backend b

            backend b
                retry-on all-retryable-errors
                fullconn 100
                server s1 127.0.0.1:\(server) check inter 200ms fall 1 rise 1

            """.write(to: file, atomically: true, encoding: .utf8)
    }

    func testAServerThatRefusesIsReportedInWordsWithATimestamp() throws {
        let port = Loopback.freePort(), closed = Loopback.freePort()
        try write(listen: port, server: closed)
        let run = try BackgroundProcess(WeirProcess.binary.path, ["run", "--threads", "1", file.path])
        defer { run.stop() }
        XCTAssertTrue(run.waitForOutput("is DOWN", seconds: 10), run.output)
        let lines = run.output.split(separator: "\n").map(String.init)
        let stamp = #"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z \[weir\] "#
        let down = try XCTUnwrap(lines.first { $0.contains("is DOWN") })
        XCTAssertNotNil(down.range(of: stamp + #"Server b/s1 is DOWN, reason: Layer4 connection problem, info: "Connection refused"$"#,
                                   options: .regularExpression), down)
        for line in lines where line.contains("[weir]") {
            XCTAssertNotNil(line.range(of: stamp, options: .regularExpression), line)
            XCTAssertFalse(line.contains("Failure(") || line.contains("descriptor:"), line)
        }
        // The features the engine does not run are listed in the file's line order.
        let warned = lines.compactMap { line -> Int? in
            guard let range = line.range(of: #"\.cfg:(\d+):"#, options: .regularExpression), line.contains("not run") else { return nil }
            return Int(line[range].dropFirst(5).dropLast())
        }
        XCTAssertGreaterThan(warned.count, 2, run.output)
        XCTAssertEqual(warned, warned.sorted(), run.output)
    }

    func testAPortInUseNamesTheFrontendAndTheAddress() throws {
        let port = Loopback.freePort()
        try write(listen: port, server: Loopback.freePort())
        // A socket without SO_REUSEPORT holds the port (two engines may share one, as two haproxy processes do during a reload).
        let holder = Loopback.unansweredListener(port: port)
        defer { holder.forEach { close($0) } }
        let second = try WeirProcess.weir(["run", "--threads", "1", "--quiet", file.path])
        XCTAssertEqual(second.status, 1, second.stderr)
        XCTAssertTrue(second.stderr.contains("Starting frontend f: cannot bind socket (Address already in use) [127.0.0.1:\(port)]"),
                      second.stderr)
        XCTAssertFalse(second.stderr.contains("bind(descriptor"), second.stderr)
    }
}
