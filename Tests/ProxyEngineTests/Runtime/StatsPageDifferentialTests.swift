import Foundation
import WeirTestSupport
import XCTest

/// The stats page of the real haproxy 2.6 and of the engine on the same
/// configuration: the 401 with the realm, the HTML page's tables, the CSV,
/// the admin form's POST and its redirect, and the drained server no
/// longer receiving traffic.
final class StatsPageDifferentialTests: XCTestCase {
    static let credentials = "Authorization: Basic " + Data("admin:s3cret".utf8).base64EncodedString()

    final class Pair: @unchecked Sendable {
        let harness = EngineHarness()
        private(set) var reference: BackgroundProcess?
        let ports = (haproxy: Loopback.freePort(), engine: Loopback.freePort())
        let statsPorts = (haproxy: Loopback.freePort(), engine: Loopback.freePort())
        let serverPorts = [Loopback.freePort(), Loopback.freePort()]
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("weir-stats-\(UUID().uuidString).cfg")

        init() async throws {
            let haproxy = try XCTUnwrap(Programs.path("haproxy"), "haproxy is not installed (bash .ci/run installs it)")
            try harness.startBackend("app01", port: serverPorts[0])
            try harness.startBackend("app02", port: serverPorts[1])
            try config(port: ports.haproxy, stats: statsPorts.haproxy).write(to: file, atomically: true, encoding: .utf8)
            reference = try BackgroundProcess(haproxy, ["-db", "-f", file.path])
            try await harness.startEngine(config(port: ports.engine, stats: statsPorts.engine))
            XCTAssertTrue(Loopback.waitForListener(port: statsPorts.haproxy), reference?.output ?? "")
        }

        func config(port: Int, stats: Int) -> String {
            """
            defaults
                mode http
                timeout connect 1s
                timeout client 5s
                timeout server 5s
            frontend fe
                bind 127.0.0.1:\(port)
                default_backend app
            backend app
                server app01 127.0.0.1:\(serverPorts[0])
                server app02 127.0.0.1:\(serverPorts[1])
            listen stats
                bind 127.0.0.1:\(stats)
                stats enable
                stats uri /haproxy-stats
                stats realm Weir\\ Stats
                stats auth admin:s3cret
                stats refresh 10s
                stats show-node
                stats admin if LOCALHOST
            listen readonly
                bind 127.0.0.1:\(stats + 1)
                stats uri /s
                stats admin if { src 10.9.9.9 }

            """
        }

        /// The same request to both stats listeners.
        func get(_ target: String, headers: [String] = [StatsPageDifferentialTests.credentials],
                 offset: Int = 0) -> (haproxy: EngineHarness.Response, engine: EngineHarness.Response) {
            (EngineHarness.request(port: statsPorts.haproxy + offset, target, headers: headers),
             EngineHarness.request(port: statsPorts.engine + offset, target, headers: headers))
        }

        func post(_ target: String, _ form: String, offset: Int = 0) -> (haproxy: EngineHarness.Response, engine: EngineHarness.Response) {
            func send(_ port: Int) -> EngineHarness.Response {
                let text = "POST \(target) HTTP/1.1\r\nHost: test.example\r\n\(StatsPageDifferentialTests.credentials)\r\n"
                    + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: \(form.utf8.count)\r\n"
                    + "Connection: close\r\n\r\n" + form
                return EngineHarness.parse(Loopback.exchange(port: port, text))
            }
            return (send(statsPorts.haproxy + offset), send(statsPorts.engine + offset))
        }

        func shutdown() async {
            reference?.stop()
            await harness.shutdown()
            try? FileManager.default.removeItem(at: file)
        }
    }

    func testAuthenticationPageAndCSVMatchHAProxy() async throws {
        let pair = try await Pair()
        defer { Task { await pair.shutdown() } }
        let (haproxyDenied, engineDenied) = pair.get("/haproxy-stats", headers: [])
        XCTAssertEqual(engineDenied.status, 401)
        XCTAssertEqual(engineDenied.headers["www-authenticate"], "Basic realm=\"Weir Stats\"")
        XCTAssertEqual(engineDenied.raw, haproxyDenied.raw.replacingOccurrences(of: "connection: close\r\n", with: ""))

        let (haproxyPage, enginePage) = pair.get("/haproxy-stats")
        XCTAssertEqual(enginePage.status, haproxyPage.status)
        for name in ["content-type", "cache-control", "refresh"] {
            XCTAssertEqual(enginePage.headers[name], haproxyPage.headers[name], name)
        }
        for marker in ["<title>Statistics Report for HAProxy on ", "<h2>Statistics Report for pid ", "General process information",
                       "<a class=px href=\"#fe\">fe</a>", "<a class=px href=\"#app\">app</a>", "<tr class=\"frontend\">",
                       "<tr class=\"backend\">", "<tr class=\"active_no_check\">", "<th colspan=3>Queue</th>",
                       "<th colspan=9>Server</th>", "name=\"s\" value=\"app01\"", "<select name=action>",
                       "<option value=\"drain\">", "CSV export", "Disable refresh"] {
            XCTAssertTrue(haproxyPage.body.contains(marker), "haproxy's page lacks \(marker)")
            XCTAssertTrue(enginePage.body.contains(marker), "the engine's page lacks \(marker)")
        }
        let (haproxyCSV, engineCSV) = pair.get("/haproxy-stats;csv")
        XCTAssertEqual(engineCSV.headers["content-type"], haproxyCSV.headers["content-type"])
        XCTAssertNil(engineCSV.headers["refresh"])
        let haproxyLines = Self.dechunked(haproxyCSV.body).components(separatedBy: "\n"), engineLines = engineCSV.body.components(separatedBy: "\n")
        XCTAssertEqual(engineLines.first, haproxyLines.first)
        func rows(_ lines: [String]) -> [String] { lines.dropFirst().filter { !$0.isEmpty }.map { $0.components(separatedBy: ",").prefix(2).joined(separator: "/") } }
        XCTAssertEqual(rows(engineLines), rows(haproxyLines))
        XCTAssertNil(pair.get("/haproxy-stats;norefresh").engine.headers["refresh"])
    }

    /// A chunked body's data (sizes and data read as bytes: "\r\n" is one Character in Swift).
    static func dechunked(_ body: String) -> String {
        var bytes = Array(body.utf8)[...], data: [UInt8] = []
        while let lineEnd = bytes.firstIndex(of: UInt8(ascii: "\r")),
              let size = Int(String(decoding: bytes[..<lineEnd], as: UTF8.self), radix: 16), size > 0,
              bytes.count >= lineEnd - bytes.startIndex + 2 + size {
            let start = lineEnd + 2
            data += bytes[start..<(start + size)]
            bytes = bytes[(start + size)...].dropFirst(2)
        }
        return String(decoding: data, as: UTF8.self)
    }

    func testTheAdminFormDrainsAServerAndTrafficStops() async throws {
        let pair = try await Pair()
        defer { Task { await pair.shutdown() } }
        func servers(_ count: Int) -> Set<String> { Set((0..<count).map { _ in EngineHarness.request(port: pair.ports.engine, "/").server }) }
        XCTAssertEqual(servers(4), ["app01", "app02"])
        // HAProxy numbers the proxies from 1 in configuration order (no stats socket here): fe 1, app 2.
        let (haproxy, engine) = pair.post("/haproxy-stats", "s=app01&action=drain&b=%232")
        XCTAssertEqual(engine.status, 303)
        XCTAssertEqual(engine.headers["location"], haproxy.headers["location"])
        XCTAssertEqual(engine.headers["location"], "/haproxy-stats;st=DONE")
        XCTAssertEqual(servers(6), ["app02"], "the drained server gets no new request")
        let (haproxyDone, engineDone) = pair.get("/haproxy-stats;st=DONE")
        XCTAssertTrue(haproxyDone.body.contains("Action processed successfully."))
        XCTAssertTrue(engineDone.body.contains("Action processed successfully."))
        XCTAssertTrue(engineDone.body.contains("<tr class=\"active_draining\">"))

        for form in ["s=nosuch&action=drain&b=app", "action=drain&b=app", "s=app01&action=bogus&b=app", "s=app01&s=nosuch&action=ready&b=app"] {
            let (haproxyResult, engineResult) = pair.post("/haproxy-stats", form)
            XCTAssertEqual(engineResult.headers["location"], haproxyResult.headers["location"], form)
        }
        XCTAssertEqual(servers(4), ["app01", "app02"], "ready puts the server back")
        let (haproxyDenied, engineDenied) = pair.post("/s", "s=app01&action=maint&b=app", offset: 1)
        XCTAssertEqual(engineDenied.headers["location"], haproxyDenied.headers["location"])
        XCTAssertEqual(engineDenied.headers["location"], "/s;st=DENY")
    }
}
