import ConfigDiagnostics
import Foundation
import HAProxyConfig
import RuntimePlan
import RuntimePlanner
import WeirTestSupport
import XCTest

/// How `timeout client`, `http-request` and `http-keep-alive` combine, as the
/// plan resolves them (`FrontendTimeoutPlan`), checked against the real
/// haproxy: the same silent, idle and slow clients sent to both, and each
/// wait judged as the short one, the long one or none.
final class TimeoutResolutionDifferentialTests: XCTestCase {
    /// Which of the configured waits ended a connection.
    enum Wait: String, Equatable {
        case short, long, none
    }

    static let short = 0.5, long = 1.5

    /// How a client behaves: silent from the start, idle after one answered
    /// request, or beginning a second request right after the first answer.
    enum Client: CaseIterable {
        case silent, idleAfterResponse, partialNextRequest
    }

    /// The wait that ended the connection and whether a 408 came first.
    struct Outcome: Equatable, CustomStringConvertible {
        var wait: Wait
        var answered408: Bool
        var description: String { "\(wait.rawValue)\(answered408 ? " with 408" : "")" }
    }

    /// Connects as `client` and measures when the proxy closes (up to 2.8 s).
    static func observe(_ client: Client, port: Int) -> Outcome {
        guard let fd = Loopback.connect(port: port) else { return Outcome(wait: .none, answered408: false) }
        defer { close(fd) }
        if client != .silent {
            Loopback.send(fd, "GET / HTTP/1.1\r\nHost: a\r\n\r\n")
            _ = Loopback.readUntil(fd, "\r\n\r\nok", seconds: 2)
            if client == .partialNextRequest { Loopback.send(fd, "GET /next HTTP/1.1\r\n") }
        }
        let start = Date()
        let text = Loopback.readAll(fd, seconds: 2.8)
        let waited = Date().timeIntervalSince(start)
        let wait: Wait = waited >= 2.6 ? .none : abs(waited - short) < abs(waited - long) ? .short : .long
        return Outcome(wait: wait, answered408: text.contains(" 408 "))
    }

    /// A frontend's `timeout` lines and what haproxy 2.6.12 does with them (measured).
    struct Case {
        var lines: [String]
        var expected: [Client: Wait]
    }

    static let cases: [Case] = [
        // `timeout http-request` longer than `timeout client`: the client timeout ends the wait.
        Case(lines: ["timeout client 500ms", "timeout http-request 1500ms"],
             expected: [.silent: .short, .idleAfterResponse: .short, .partialNextRequest: .short]),
        // Without `timeout http-keep-alive` the wait between requests is `timeout http-request`'s.
        Case(lines: ["timeout client 1500ms", "timeout http-request 500ms"],
             expected: [.silent: .short, .idleAfterResponse: .short, .partialNextRequest: .short]),
        Case(lines: ["timeout client 1500ms", "timeout http-keep-alive 500ms"],
             expected: [.silent: .long, .idleAfterResponse: .short, .partialNextRequest: .long]),
        Case(lines: ["timeout client 500ms", "timeout http-keep-alive 1500ms"],
             expected: [.silent: .short, .idleAfterResponse: .short, .partialNextRequest: .short]),
        // The keep-alive wait ends at the first byte of a next request: the request wait starts there.
        Case(lines: ["timeout client 2500ms", "timeout http-request 1500ms", "timeout http-keep-alive 500ms"],
             expected: [.silent: .long, .idleAfterResponse: .short, .partialNextRequest: .long]),
        // Without `timeout client` haproxy runs no timer on the client connection.
        Case(lines: ["timeout http-request 500ms"],
             expected: [.silent: .none, .idleAfterResponse: .none, .partialNextRequest: .none]),
    ]

    func testEngineWaitsAsHAProxyForEveryCombination() async throws {
        var disagreements: [String] = []
        for item in Self.cases {
            let pair = try await ProxyPair({ port, server in
                """
                defaults
                    mode http
                    timeout connect 1s
                    timeout server 5s
                frontend f
                    bind 127.0.0.1:\(port)
                \(item.lines.map { "    " + $0 }.joined(separator: "\n"))
                    default_backend b
                backend b
                    server s \(server)

                """
            }) { _ in .ok }
            let runs = Client.allCases.flatMap { client in [(client, pair.haproxyPort, "haproxy"), (client, pair.enginePort, "engine")] }
            let outcomes = NSLockedBox<[String: Outcome]>([:])
            DispatchQueue.concurrentPerform(iterations: runs.count) { index in
                let (client, port, proxy) = runs[index]
                let outcome = Self.observe(client, port: port)
                outcomes.mutate { $0["\(proxy) \(client)"] = outcome }
            }
            await pair.shutdown()
            let observed = outcomes.value
            for client in Client.allCases {
                let haproxy = observed["haproxy \(client)"]!, engine = observed["engine \(client)"]!
                if haproxy != engine || haproxy.wait != item.expected[client] {
                    disagreements.append("\(item.lines) \(client): expected \(item.expected[client]!), haproxy \(haproxy), engine \(engine)")
                }
            }
        }
        XCTAssertEqual(disagreements, [], disagreements.joined(separator: "\n"))
    }

    /// The plan holds the resolved waits, so no connection resolves them again.
    func testThePlanResolvesTheFallbacks() throws {
        let text = """
            defaults
                mode http
                timeout client 3s
                timeout http-request 5s
                timeout connect 2s
                timeout server 4s
            frontend f
                bind 127.0.0.1:8080
                default_backend b
            backend b
                server s 127.0.0.1:8081

            """
        let parsed = HAProxyReader().read([SourceFile(path: "t.cfg", text: text)])
        let plan = try XCTUnwrap(Planner().plan(parsed.configuration).plan)
        XCTAssertEqual(plan.frontends.first?.timeouts,
                       FrontendTimeoutPlan(clientMs: 3000, requestMs: 3000, keepAliveMs: 3000))
        XCTAssertEqual(plan.backends.first?.timeouts, BackendTimeoutPlan(connectMs: 2000, serverMs: 4000, queueMs: 2000))
        XCTAssertEqual(BackendTimeoutPlan(written: [:]).connectMs, BackendTimeoutPlan.defaultConnectMs)
        XCTAssertNil(BackendTimeoutPlan(written: ["server": 1000]).tunnelMs, "without `timeout tunnel` each side keeps its own")
    }
}
