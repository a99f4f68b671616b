import Foundation
import WeirTestSupport
import XCTest

/// The engine's stats page in a real browser (Debian's chromium, headless):
/// it logs in with the credentials in the URL, renders the page and the
/// admin form, and takes a screenshot kept as an artifact in
/// `.build/test-artifacts/stats-page.png`. Then the form's POST (what the
/// Apply button sends) drains a server and the browser's next rendering shows it.
final class StatsPageBrowserTests: XCTestCase {
    static let artifacts = TestCorpus.packageRoot.appendingPathComponent(".build/test-artifacts")

    func runChromium(_ arguments: [String]) throws -> String {
        let chromium = try XCTUnwrap(Programs.path("chromium"), "chromium is not installed (apt-get install -y chromium)")
        let process = Process(), output = Pipe()
        process.executableURL = URL(fileURLWithPath: chromium)
        process.arguments = ["--headless=new", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--window-size=1400,700"]
            + arguments
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    func testChromiumLogsInRendersThePageAndShowsADrainedServer() async throws {
        let harness = EngineHarness()
        let port = Loopback.freePort(), statsPort = Loopback.freePort(), servers = [Loopback.freePort(), Loopback.freePort()]
        try harness.startBackend("app01", port: servers[0])
        try harness.startBackend("app02", port: servers[1])
        try await harness.startEngine("""
            defaults
                mode http
                timeout connect 1s
                timeout client 5s
                timeout server 5s
            frontend fe
                bind 127.0.0.1:\(port)
                default_backend app
            backend app
                server app01 127.0.0.1:\(servers[0])
                server app02 127.0.0.1:\(servers[1])
            listen stats
                bind 127.0.0.1:\(statsPort)
                stats uri /haproxy-stats
                stats auth admin:s3cret
                stats show-legends
                stats admin if LOCALHOST

            """)
        defer { Task { await harness.shutdown() } }
        for _ in 0..<4 { _ = EngineHarness.request(port: port, "/") }
        let page = "http://admin:s3cret@127.0.0.1:\(statsPort)/haproxy-stats"
        let dom = try runChromium(["--dump-dom", page])
        XCTAssertTrue(dom.contains("Statistics Report for pid"), dom.prefix(500).description)
        XCTAssertTrue(dom.contains("<select name=\"action\">"), "the admin form is rendered")
        XCTAssertTrue(dom.contains("value=\"app01\""))

        try FileManager.default.createDirectory(at: Self.artifacts, withIntermediateDirectories: true)
        let shot = Self.artifacts.appendingPathComponent("stats-page.png")
        try? FileManager.default.removeItem(at: shot)
        _ = try runChromium(["--screenshot=\(shot.path)", page])
        let png = try Data(contentsOf: shot)
        XCTAssertEqual(Array(png.prefix(4)), [0x89, 0x50, 0x4E, 0x47], "a PNG screenshot")
        XCTAssertGreaterThan(png.count, 10_000)

        // What the form's Apply button posts for app01 with "Set state to DRAIN" (b is the backend's #id: fe 1, app 2).
        let form = "s=app01&action=drain&b=%232"
        let reply = Loopback.exchange(port: statsPort, "POST /haproxy-stats HTTP/1.1\r\nHost: a\r\n"
            + "Authorization: Basic \(Data("admin:s3cret".utf8).base64EncodedString())\r\n"
            + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: \(form.utf8.count)\r\n\r\n" + form)
        XCTAssertTrue(reply.contains("location: /haproxy-stats;st=DONE"), reply)
        XCTAssertEqual(Set((0..<6).map { _ in EngineHarness.request(port: port, "/").server }), ["app02"])
        let after = try runChromium(["--dump-dom", page + ";st=DONE"])
        XCTAssertTrue(after.contains("Action processed successfully."))
        XCTAssertTrue(after.contains("class=\"active_draining\""))
        _ = try runChromium(["--screenshot=\(Self.artifacts.appendingPathComponent("stats-page-drained.png").path)", page + ";st=DONE"])
    }
}
