import Foundation
import ProxyEngine
import WeirTestSupport
import XCTest

/// Health checks, queues under `maxconn`, retries and the graceful stop,
/// over real traffic.
final class HealthAndLimitsTrafficTests: XCTestCase {
    private var harness: EngineHarness!
    private var port = 0

    override func setUp() async throws {
        harness = EngineHarness()
        port = Loopback.freePort()
    }

    override func tearDown() async throws {
        await harness.shutdown()
    }

    private func start(backend: String, servers: [(name: String, options: String)], live: Set<String>? = nil) async throws {
        var lines = ""
        for server in servers {
            let serverPort = Loopback.freePort()
            if live?.contains(server.name) ?? true { try harness.startBackend(server.name, port: serverPort) }
            lines += "    server \(server.name) 127.0.0.1:\(serverPort) \(server.options)\n"
        }
        try await harness.startEngine("""
            defaults
                mode http
                timeout connect 1s
                timeout client 5s
                timeout server 5s
            frontend f
                bind 127.0.0.1:\(port)
                default_backend pool
            backend pool
            \(backend)
            \(lines)
            """)
    }

    func testAKilledServerIsMarkedDownWithinInterTimesFallAndNoRequestFailsAfter() async throws {
        try await start(backend: "    option httpchk GET /hello\n    http-check expect string hello",
                        servers: [("a", "check inter 200ms fall 3 rise 2"), ("b", "check inter 200ms fall 3 rise 2")])
        XCTAssertEqual(Set((0..<6).map { _ in EngineHarness.request(port: port, "/").server }), ["a", "b"])
        harness.killBackend("b")
        let killed = Date()
        let down = await harness.waitForEvent(seconds: 3) {
            if case .serverDown(_, "b", _) = $0 { return true }
            return false
        }
        XCTAssertTrue(down, "events: \(harness.events)")
        // inter × fall = 600 ms, plus one check in flight and scheduling slack.
        XCTAssertLessThan(Date().timeIntervalSince(killed), 0.6 + 0.6)
        let after = (0..<20).map { _ in EngineHarness.request(port: port, "/") }
        XCTAssertEqual(after.map(\.status), Array(repeating: 200, count: 20))
        XCTAssertEqual(Set(after.map(\.server)), ["a"])
    }

    func testAFailingHTTPCheckTakesTheServerDown() async throws {
        try await start(backend: "    option httpchk GET /hello\n    http-check expect status 404",
                        servers: [("a", "check inter 100ms fall 1 rise 1")])
        let down = await harness.waitForEvent(seconds: 3) {
            if case .serverDown(_, "a", let reason) = $0 { return reason.contains("200") }
            return false
        }
        XCTAssertTrue(down, "events: \(harness.events)")
        XCTAssertEqual(EngineHarness.request(port: port, "/").status, 503)
    }

    func testTCPCheckScript() async throws {
        try await start(backend: """
                option tcp-check
                tcp-check connect
                tcp-check send GET\\ /hello\\ HTTP/1.0\\r\\n\\r\\n
                tcp-check expect string nope
            """, servers: [("a", "check inter 100ms fall 1 rise 1"), ("b", "backup")])
        let down = await harness.waitForEvent(seconds: 3) {
            if case .serverDown(_, "a", let reason) = $0 { return reason.contains("nope") }
            return false
        }
        XCTAssertTrue(down, "events: \(harness.events)")
        XCTAssertEqual(EngineHarness.request(port: port, "/").server, "b")
    }

    func testServerMaxconnOneQueuesRequests() async throws {
        try await start(backend: "    timeout queue 10s", servers: [("a", "maxconn 1")])
        let port = self.port
        let responses = await withTaskGroup(of: EngineHarness.Response.self) { group in
            for _ in 0..<4 { group.addTask { EngineHarness.request(port: port, "/slow?ms=150") } }
            var all: [EngineHarness.Response] = []
            for await response in group { all.append(response) }
            return all
        }
        XCTAssertEqual(responses.map(\.status), [200, 200, 200, 200])
        XCTAssertTrue(responses.allSatisfy { $0.body.contains("max-inflight: 1\n") }, responses.map(\.body).joined())
    }

    func testQueueTimeoutAnswers503() async throws {
        try await start(backend: "    timeout queue 100ms", servers: [("a", "maxconn 1")])
        let port = self.port
        let statuses = await withTaskGroup(of: Int.self) { group in
            group.addTask { EngineHarness.request(port: port, "/slow?ms=1500").status }
            group.addTask {
                try? await Task.sleep(nanoseconds: 200_000_000)
                return EngineHarness.request(port: port, "/").status
            }
            var all: [Int] = []
            for await status in group { all.append(status) }
            return all.sorted()
        }
        XCTAssertEqual(statuses, [200, 503])
    }

    func testRedispatchMovesARetryToAnotherServer() async throws {
        try await start(backend: "    retries 2\n    option redispatch", servers: [("dead", ""), ("alive", "")], live: ["alive"])
        let responses = (0..<6).map { _ in EngineHarness.request(port: port, "/") }
        XCTAssertEqual(responses.map(\.status), Array(repeating: 200, count: 6))
        XCTAssertEqual(Set(responses.map(\.server)), ["alive"])
    }

    func testNoServerAnswersHAProxys503() async throws {
        try await start(backend: "    retries 1", servers: [("dead", "")], live: [])
        let response = EngineHarness.request(port: port, "/")
        XCTAssertEqual(response.status, 503)
        XCTAssertEqual(response.body, "<html><body><h1>503 Service Unavailable</h1>\nNo server is available to handle this request.\n</body></html>\n")
    }

    func testStopLetsARequestInFlightFinishAndRefusesNewConnections() async throws {
        try await start(backend: "", servers: [("a", "")])
        let port = self.port
        let inFlight = Task { EngineHarness.request(port: port, "/slow?ms=400") }
        try await Task.sleep(nanoseconds: 150_000_000)
        await harness.stopEngine()
        let finished = await inFlight.value
        XCTAssertEqual(finished.status, 200)
        XCTAssertNil(Loopback.connect(port: port))
    }
}
