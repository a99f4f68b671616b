import Foundation
import WeirTestSupport
import XCTest

/// Timeouts, malformed requests, `http-request` actions, keep-alive and
/// `mode tcp`, over real sockets.
final class TimeoutsAndRulesTrafficTests: XCTestCase {
    private var harness: EngineHarness!
    private var port = 0
    private var serverPort = 0

    override func setUp() async throws {
        harness = EngineHarness()
        port = Loopback.freePort()
        serverPort = Loopback.freePort()
        try harness.startBackend("a", port: serverPort)
    }

    override func tearDown() async throws {
        await harness.shutdown()
    }

    private func start(defaults: String = "", frontend: String = "", mode: String = "http") async throws {
        try await harness.startEngine("""
            defaults
                mode \(mode)
                timeout connect 1s
                timeout client 5s
                timeout server 5s
            \(defaults)
            frontend f
                bind 127.0.0.1:\(port)
            \(frontend)
                default_backend pool
            backend pool
                server a 127.0.0.1:\(serverPort)

            """)
    }

    func testServerTimeoutAnswers504() async throws {
        try await start(defaults: "    timeout server 200ms")
        let response = EngineHarness.request(port: port, "/slow?ms=1500")
        XCTAssertEqual(response.status, 504)
        XCTAssertTrue(response.body.contains("<h1>504 Gateway Time-out</h1>"))
    }

    func testConnectTimeoutAnswers503AfterTheRetries() async throws {
        let silent = Loopback.freePort()
        let descriptors = Loopback.unansweredListener(port: silent)
        defer { descriptors.forEach { close($0) } }
        try await harness.startEngine("""
            defaults
                mode http
                timeout connect 200ms
                timeout client 5s
                timeout server 5s
                retries 2
            frontend f
                bind 127.0.0.1:\(port)
                default_backend pool
            backend pool
                server silent 127.0.0.1:\(silent)

            """)
        let started = Date()
        let response = EngineHarness.request(port: port, "/")
        let waited = Date().timeIntervalSince(started)
        XCTAssertEqual(response.status, 503)
        XCTAssertTrue(response.body.contains("<h1>503 Service Unavailable</h1>"))
        // Three attempts (one plus two retries) of 200 ms each before the answer.
        XCTAssertGreaterThanOrEqual(waited, 0.55, "answered before the connect timeouts ran out")
        XCTAssertLessThan(waited, 4, "the connect timeout did not cut the attempts short")
    }

    func testClientTimeoutClosesASilentTCPClient() async throws {
        try await start(defaults: "    timeout client 300ms", mode: "tcp")
        let fd = try XCTUnwrap(Loopback.connect(port: port))
        defer { close(fd) }
        let started = Date()
        let text = Loopback.readAll(fd, seconds: 4)
        let waited = Date().timeIntervalSince(started)
        XCTAssertEqual(text, "")
        XCTAssertGreaterThanOrEqual(waited, 0.25, "closed before timeout client")
        XCTAssertLessThan(waited, 3.5, "a silent client was not closed at timeout client")
    }

    func testHTTPRequestTimeoutAnswers408ToASlowClient() async throws {
        try await start(defaults: "    timeout http-request 300ms")
        let fd = try XCTUnwrap(Loopback.connect(port: port))
        defer { close(fd) }
        Loopback.send(fd, "GET / HTTP/1.1\r\nHost: a\r\n")
        let response = EngineHarness.parse(Loopback.readAll(fd, seconds: 3))
        XCTAssertEqual(response.status, 408)
        XCTAssertTrue(response.body.contains("<h1>408 Request Time-out</h1>"))
    }

    func testKeepAliveTimeoutClosesAnIdleConnectionAfterAResponse() async throws {
        try await start(defaults: "    timeout http-keep-alive 200ms\n    timeout http-request 5s")
        let fd = try XCTUnwrap(Loopback.connect(port: port))
        defer { close(fd) }
        Loopback.send(fd, "GET /hello HTTP/1.1\r\nHost: a\r\n\r\nGET /hello HTTP/1.1\r\nHost: a\r\n\r\n")
        let started = Date()
        let text = Loopback.readAll(fd, seconds: 4)
        let waited = Date().timeIntervalSince(started)
        XCTAssertEqual(text.components(separatedBy: "HTTP/1.1 200").count - 1, 2, "two responses on one connection, then close: \(text)")
        // The keep-alive wait (200ms) follows the longer first-request wait (5s): it must not be held to the longer one.
        XCTAssertGreaterThanOrEqual(waited, 0.15, "closed before timeout http-keep-alive")
        XCTAssertLessThan(waited, 2.5, "the idle connection was not closed at timeout http-keep-alive")
    }

    func testMalformedRequestGets400AndOthersAreStillServed() async throws {
        try await start()
        let bad = EngineHarness.parse(Loopback.exchange(port: port, "GET / HTTP/1.1\r\nHost a\r\nbroken header\r\n\r\n"))
        XCTAssertEqual(bad.status, 400)
        XCTAssertTrue(bad.body.contains("<h1>400 Bad request</h1>"))
        XCTAssertEqual(EngineHarness.request(port: port, "/").status, 200)
    }

    func testHTTPRequestActions() async throws {
        try await start(defaults: "    option forwardfor", frontend: """
                acl blocked path_beg /blocked
                acl legacy path_beg /old
                http-request deny deny_status 429 if blocked
                http-request redirect prefix /new code 301 if legacy
                http-request return status 201 content-type text/plain string created if { path /made }
                http-request set-header X-Client %[src]
                http-request add-header X-Added one
                http-request del-header X-Secret
            """)
        let denied = EngineHarness.request(port: port, "/blocked")
        XCTAssertEqual(denied.status, 429)
        XCTAssertTrue(denied.body.contains("429 Too Many Requests"))
        let moved = EngineHarness.request(port: port, "/old/page?x=1")
        XCTAssertEqual(moved.status, 301)
        XCTAssertEqual(moved.headers["location"], "/new/old/page?x=1")
        let made = EngineHarness.request(port: port, "/made")
        XCTAssertEqual(made.status, 201)
        XCTAssertEqual(made.body, "created")
        let forwarded = EngineHarness.request(port: port, "/", headers: ["X-Secret: s", "X-Added: zero"])
        XCTAssertEqual(forwarded.status, 200)
        XCTAssertTrue(forwarded.body.contains("x-client: 127.0.0.1\n"), forwarded.body)
        XCTAssertEqual(forwarded.body.split(separator: "\n").filter { $0.hasPrefix("x-added: ") }, ["x-added: zero", "x-added: one"])
        XCTAssertFalse(forwarded.body.contains("x-secret"))
        XCTAssertTrue(forwarded.body.contains("x-forwarded-for: 127.0.0.1\n"), forwarded.body)
    }

    func testKeepAliveToTheServerReusesOneConnection() async throws {
        try await start()
        XCTAssertEqual(Set(serverPorts(requests: 3)).count, 1)
    }

    func testHTTPServerCloseOpensAConnectionPerRequest() async throws {
        try await start(defaults: "    option http-server-close")
        XCTAssertEqual(Set(serverPorts(requests: 3)).count, 3)
    }

    /// Sends requests one after the other on one client connection; returns
    /// the port of the engine's connection that reached the server each time.
    private func serverPorts(requests: Int) -> [String] {
        guard let fd = Loopback.connect(port: port) else { return [] }
        defer { close(fd) }
        var text = ""
        for index in 0..<requests {
            Loopback.send(fd, "GET /n\(index) HTTP/1.1\r\nHost: a\r\n" + (index == requests - 1 ? "Connection: close\r\n" : "") + "\r\n")
            usleep(100_000)
        }
        text = Loopback.readAll(fd, seconds: 3)
        return text.split(separator: "\n").filter { $0.hasPrefix("peer-port: ") }.map(String.init)
    }

    func testHTTPServerCloseClosesTheServerSide() async throws {
        try await start(defaults: "    option http-server-close")
        let response = EngineHarness.request(port: port, "/")
        XCTAssertTrue(response.body.contains("connection: close\n"), response.body)
    }

    func testAnUpgradeBecomesATunnelThatTimeoutTunnelCloses() async throws {
        try await start(defaults: "    timeout tunnel 400ms\n    timeout server 100ms")
        let fd = try XCTUnwrap(Loopback.connect(port: port))
        defer { close(fd) }
        Loopback.send(fd, WebSocketHandshakeTrafficTests.handshake("/echo"))
        XCTAssertTrue(Loopback.readUntil(fd, "\r\n\r\n", seconds: 3).hasPrefix("HTTP/1.1 101"))
        // Longer than timeout server: the tunnel has its own timeout.
        usleep(250_000)
        Loopback.send(fd, "ping")
        XCTAssertEqual(Loopback.readUntil(fd, "ping", seconds: 3), "a:ping")
        let start = Date()
        XCTAssertEqual(Loopback.readAll(fd, seconds: 3), "", "closed without data once the tunnel is idle")
        XCTAssertLessThan(Date().timeIntervalSince(start), 2.5)
    }

    func testTCPModeForwardsBytesBothWays() async throws {
        try await start(mode: "tcp")
        let response = EngineHarness.parse(Loopback.exchange(port: port, "GET /hello HTTP/1.0\r\n\r\n"))
        XCTAssertEqual(response.status, 200)
        XCTAssertEqual(response.body, "hello\n")
    }
}
