import Foundation
import NIOConcurrencyHelpers
import XCTest
#if canImport(Glibc)
import Glibc
#endif

/// `http-check disable-on-404` on the real haproxy 2.6 and on the engine: a server whose health check answers
/// 404 stays up but takes no new load-balanced request (HAProxy's NOLB), while requests persisting to it by
/// cookie still reach it; without the option the same server goes DOWN and its cookie is ignored.
final class DisableOn404DifferentialTests: XCTestCase {
    /// The second server of each side: its health check answers 404, other requests are answered "A".
    static let notFoundOnHealth: @Sendable (String) -> ScriptedBackend.Reply = { path in
        path == "/health" ? ScriptedBackend.Reply(bytes: Array("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n".utf8))
            : ScriptedBackend.Reply(bytes: Array("HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nA".utf8))
    }

    func testNotFoundChecksStopLoadBalancingButKeepPersistence() async throws {
        try await compare(option: "    http-check disable-on-404\n", expectedServers: ["ok", "ok", "ok", "ok", "A", "A"])
    }

    func testWithoutTheOptionTheServerGoesDown() async throws {
        try await compare(option: "", expectedServers: ["ok", "ok", "ok", "ok", "ok", "ok"])
    }

    /// Which server answered each of four plain requests and two carrying the cookie of the 404 server, on both sides.
    private func compare(option: String, expectedServers: [String]) async throws {
        let others = [try ScriptedBackend(script: Self.notFoundOnHealth), try ScriptedBackend(script: Self.notFoundOnHealth)]
        let calls = NIOLockedValueBox(0)
        let pair = try await ProxyPair({ port, server in
            // haproxy's configuration is written first, the engine's second: each gets its own 404 server.
            let other = others[calls.withLockedValue { count in defer { count += 1 }; return min(count, 1) }]
            return """
                defaults
                    mode http
                    timeout connect 1s
                    timeout client 5s
                    timeout server 5s
                listen l
                    bind 127.0.0.1:\(port)
                    balance roundrobin
                    cookie SRV insert indirect nocache
                    option httpchk GET /health
                \(option)    server a 127.0.0.1:\(other.port) check inter 100ms fall 2 rise 2 cookie a
                    server b \(server) check inter 100ms fall 2 rise 2 cookie b

                """
        }, script: { path in .ok })
        // Let a few checks run.
        usleep(800_000)
        var answered: [[String]] = [[], []]
        let requests = Array(repeating: "GET /x HTTP/1.1\r\nHost: h\r\n\r\n", count: 4)
            + Array(repeating: "GET /x HTTP/1.1\r\nHost: h\r\nCookie: SRV=a\r\n\r\n", count: 2)
        for request in requests {
            let (haproxy, engine) = pair.exchange(Array(request.utf8))
            for (side, observed) in [haproxy, engine].enumerated() {
                answered[side].append(observed.raw.hasSuffix("\r\n\r\nA") ? "A" : observed.raw.hasSuffix("\r\n\r\nok") ? "ok" : observed.raw)
            }
        }
        await pair.shutdown()
        others.forEach { $0.stop() }
        XCTAssertEqual(answered[0], expectedServers, "haproxy's servers")
        XCTAssertEqual(answered[1], answered[0], "the engine's servers differ from haproxy's")
    }
}
