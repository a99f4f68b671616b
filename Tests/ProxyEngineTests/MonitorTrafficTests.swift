import Foundation
import WeirTestSupport
import XCTest

/// `monitor-uri` and `monitor fail`: what a keepalived `vrrp_script` or an
/// upstream balancer reads. The engine's answers are byte for byte the
/// real haproxy's on the same configuration, while the pool is up and once
/// it is down (`monitor fail if { nbsrv(app) lt 1 }` needs a fetch the
/// engine may not run: the condition here is on the request instead).
final class MonitorTrafficTests: XCTestCase {
    func testMonitorAnswersAsHAProxy() async throws {
        guard let haproxy = Programs.path("haproxy") else {
            XCTFail("haproxy 2.6 is needed as the reference")
            return
        }
        let haproxyPort = Loopback.freePort(), enginePort = Loopback.freePort(), serverPort = Loopback.freePort()
        func config(_ port: Int) -> String {
            """
            defaults
                mode http
                timeout connect 1s
                timeout client 5s
                timeout server 5s
            frontend f
                bind 127.0.0.1:\(port)
                monitor-uri /health
                acl maintenance hdr(x-maintenance) -i yes
                monitor fail if maintenance
                default_backend app
            backend app
                server s1 127.0.0.1:\(serverPort)

            """
        }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("weir-monitor-\(UUID().uuidString).cfg")
        try config(haproxyPort).write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let reference = try BackgroundProcess(haproxy, ["-db", "-f", file.path])
        defer { reference.stop() }
        let harness = EngineHarness()
        try harness.startBackend("s1", port: serverPort)
        try await harness.startEngine(config(enginePort))
        XCTAssertTrue(Loopback.waitForListener(port: haproxyPort), reference.output)
        XCTAssertEqual(harness.plan?.frontends.first?.monitor?.uri, "/health")
        XCTAssertEqual(harness.plan?.unsupported.filter { $0.directive.hasPrefix("monitor") }.map(\.directive), [])

        let requests = [
            "GET /health HTTP/1.1\r\nHost: a\r\n\r\n",
            "GET /health HTTP/1.1\r\nHost: a\r\nX-Maintenance: yes\r\n\r\n",
            "GET /health HTTP/1.0\r\n\r\n",
        ]
        for request in requests {
            let expected = ErrorPageTrafficTests.firstResponse(port: haproxyPort, request)
            XCTAssertTrue(expected.hasPrefix("HTTP/1.1 200") || expected.hasPrefix("HTTP/1.1 503"), expected)
            XCTAssertEqual(ErrorPageTrafficTests.firstResponse(port: enginePort, request), expected, request)
        }
        // Another target (a query string included) goes to the backend, as in HAProxy.
        let proxied = EngineHarness.request(port: enginePort, "/health?full")
        XCTAssertEqual(proxied.server, "s1", proxied.raw)
        // Keep-alive: the monitor answer leaves the connection open for the next request.
        let fd = try XCTUnwrap(Loopback.connect(port: enginePort))
        defer { close(fd) }
        Loopback.send(fd, "GET /health HTTP/1.1\r\nHost: a\r\n\r\n")
        XCTAssertTrue(Loopback.readUntil(fd, "</html>\n", seconds: 3).contains("Service ready."))
        Loopback.send(fd, "GET /health HTTP/1.1\r\nHost: a\r\nX-Maintenance: yes\r\n\r\n")
        XCTAssertTrue(Loopback.readUntil(fd, "</html>\n", seconds: 3).hasPrefix("HTTP/1.1 503"))
        await harness.shutdown()
    }
}
