import Foundation
import WeirTestSupport
import XCTest

/// The engine's error responses are byte for byte those of the real
/// haproxy on the same configuration: 503 with no server, deny 403 and 429,
/// 400 on a malformed request, 408 on a slow one.
final class ErrorPageTrafficTests: XCTestCase {
    func testErrorResponsesMatchHAProxy() async throws {
        guard let haproxy = Programs.path("haproxy") else { throw XCTSkip("haproxy is not installed") }
        let haproxyPort = Loopback.freePort(), enginePort = Loopback.freePort()
        func config(_ port: Int) -> String {
            """
            defaults
                mode http
                timeout connect 1s
                timeout client 5s
                timeout server 5s
                timeout http-request 300ms
            frontend f
                bind 127.0.0.1:\(port)
                http-request deny if { path /deny }
                http-request deny deny_status 429 if { path /busy }
                default_backend empty
            backend empty

            """
        }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("weir-errors-\(UUID().uuidString).cfg")
        try config(haproxyPort).write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let reference = try BackgroundProcess(haproxy, ["-db", "-f", file.path])
        defer { reference.stop() }
        let harness = EngineHarness()
        try await harness.startEngine(config(enginePort))
        XCTAssertTrue(Loopback.waitForListener(port: haproxyPort), reference.output)

        let requests = [
            "GET / HTTP/1.1\r\nHost: a\r\n\r\n", "GET /deny HTTP/1.1\r\nHost: a\r\n\r\n", "GET /busy HTTP/1.1\r\nHost: a\r\n\r\n",
            "GET / HTTP/1.1\r\nHost a\r\nbroken\r\n\r\n", "GET / HTTP/1.1\r\nHost: a\r\n",
        ]
        for request in requests {
            let expected = Self.firstResponse(port: haproxyPort, request)
            XCTAssertFalse(expected.isEmpty)
            XCTAssertEqual(Self.firstResponse(port: enginePort, request), expected, request)
        }
        await harness.shutdown()
    }

    /// The first response on a connection (a keep-alive response is cut at its body's end).
    static func firstResponse(port: Int, _ request: String) -> String {
        guard let fd = Loopback.connect(port: port) else { return "" }
        defer { close(fd) }
        Loopback.send(fd, request)
        let text = Loopback.readUntil(fd, "</html>\n", seconds: 3)
        return text
    }
}
