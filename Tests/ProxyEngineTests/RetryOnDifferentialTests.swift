import Foundation
import XCTest

/// `retries` and `retry-on` against the real haproxy 2.6: the same
/// misbehaving backend (closing without an answer, answering junk, a 503
/// then a 200, never answering) behind both proxies on the same
/// configuration; both must give the client the same status and send the
/// backend the same requests, as many times (D1: nothing the server may have
/// received is sent again unless `retry-on` says so).
final class RetryOnDifferentialTests: XCTestCase {
    private var pair: ProxyPair?

    override func tearDown() async throws {
        await pair?.shutdown()
    }

    /// Answers per path; `/flaky` answers 503 to its first request, then 200.
    private static func makeScript() -> @Sendable (String) -> ScriptedBackend.Reply {
        let flakyCalls = NSLockedBox(0)
        return { path in
            switch path {
            case "/close": return .init("", close: true)
            case "/junk": return .init("garbage here\r\n\r\n", close: true)
            case "/silent": return .init("")
            case "/always-503": return .init("HTTP/1.1 503 Service Unavailable\r\nContent-Length: 4\r\n\r\nbusy")
            case "/flaky":
                var first = false
                flakyCalls.mutate { calls in
                    first = calls == 0
                    calls += 1
                }
                return first ? .init("HTTP/1.1 503 Service Unavailable\r\nContent-Length: 4\r\n\r\nbusy")
                    : .init("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")
            default: return .ok
            }
        }
    }

    private func start(_ backendLines: String, serverTimeout: String = "2s") async throws -> ProxyPair {
        let pair = try await ProxyPair({ port, server in
            """
            global
                nbthread 1
            defaults
                mode http
                timeout connect 1s
                timeout client 5s
                timeout server \(serverTimeout)
            frontend f
                bind 127.0.0.1:\(port)
                default_backend b
            backend b
            \(backendLines)
                server s \(server)

            """
        }, makeScript: Self.makeScript)
        self.pair = pair
        return pair
    }

    private func assertSame(_ pair: ProxyPair, _ request: String, expecting status: Int, requests: Int, settle: Double = 0.4,
                            file: StaticString = #filePath, line: UInt = #line) {
        let (haproxy, engine) = pair.exchange(Array(request.utf8), settle: settle)
        XCTAssertEqual(haproxy.statuses, [status], "haproxy: \(haproxy)", file: file, line: line)
        XCTAssertEqual(haproxy.backend.count, requests, "haproxy: \(haproxy)", file: file, line: line)
        XCTAssertEqual(engine.statuses, haproxy.statuses, "engine: \(engine)", file: file, line: line)
        XCTAssertEqual(engine.backend, haproxy.backend, "engine: \(engine)", file: file, line: line)
    }

    private static func get(_ path: String) -> String { "GET \(path) HTTP/1.1\r\nHost: x\r\n\r\n" }

    func testByDefaultASentRequestIsNeverSentAgain() async throws {
        let pair = try await start("    retries 3")
        assertSame(pair, Self.get("/close"), expecting: 502, requests: 1)
        assertSame(pair, Self.get("/junk"), expecting: 502, requests: 1)
        assertSame(pair, Self.get("/always-503"), expecting: 503, requests: 1)
    }

    func testEmptyAndJunkResponsesAreRetriedUpToRetries() async throws {
        let pair = try await start("    retries 3\n    retry-on empty-response junk-response")
        assertSame(pair, Self.get("/close"), expecting: 502, requests: 4)
        assertSame(pair, Self.get("/junk"), expecting: 502, requests: 4)
    }

    func testAStatusIsRetriedAndTheSecondAnswerGoesToTheClient() async throws {
        let pair = try await start("    retry-on 503")
        assertSame(pair, Self.get("/flaky"), expecting: 200, requests: 2)
        assertSame(pair, Self.get("/always-503"), expecting: 503, requests: 4)
        assertSame(pair, Self.get("/close"), expecting: 502, requests: 1)
    }

    func testRetriesBoundTheReplaysAndRedispatchKeepsTheCount() async throws {
        let pair = try await start("    retries 1\n    option redispatch\n    retry-on all-retryable-errors")
        assertSame(pair, Self.get("/always-503"), expecting: 503, requests: 2)
        assertSame(pair, Self.get("/close"), expecting: 502, requests: 2)
    }

    func testACompleteBodyIsReplayedWithTheRequest() async throws {
        let pair = try await start("    retry-on empty-response")
        let length = "POST /close HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello"
        assertSame(pair, length, expecting: 502, requests: 4)
        let chunked = "POST /close HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n"
        assertSame(pair, chunked, expecting: 502, requests: 4)
    }

    func testABodyLargerThanTheBufferIsNotReplayed() async throws {
        let pair = try await start("    retry-on empty-response")
        // 20 KB of body: the request cannot be whole in HAProxy's 16 KB buffer when it goes out.
        let body = String(repeating: "b", count: 20_000)
        let large = "POST /close HTTP/1.1\r\nHost: x\r\nContent-Length: \(body.utf8.count)\r\n\r\n" + body
        assertSame(pair, large, expecting: 502, requests: 1, settle: 0.6)
    }

    func testAResponseTimeoutIsRetriedOnlyWhenNamed() async throws {
        let pair = try await start("    retries 1\n    retry-on response-timeout", serverTimeout: "300ms")
        assertSame(pair, Self.get("/silent"), expecting: 504, requests: 2, settle: 1.2)
    }
}
