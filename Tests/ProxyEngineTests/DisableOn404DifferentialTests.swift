import Foundation
import NIOConcurrencyHelpers
import WeirTestSupport
import XCTest
#if canImport(Glibc)
import Glibc
#endif

/// `http-check disable-on-404` on the real haproxy 2.6 and on the engine: a server whose health check answers
/// 404 stays up but takes no new load-balanced request (HAProxy's NOLB), while requests persisting to it by
/// cookie still reach it; without the option the same server goes DOWN and its cookie is ignored. The runtime
/// API shows the state as haproxy does (`show stat` status NOLB, `show servers state` operational state 3).
final class DisableOn404DifferentialTests: XCTestCase {
    /// The second server of each side: its health check answers 404, other requests are answered "A".
    static let notFoundOnHealth: @Sendable (String) -> ScriptedBackend.Reply = { path in
        path == "/health" ? ScriptedBackend.Reply(bytes: Array("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n".utf8))
            : ScriptedBackend.Reply(bytes: Array("HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nA".utf8))
    }

    func testNotFoundChecksStopLoadBalancingButKeepPersistence() async throws {
        try await compare(option: "    http-check disable-on-404\n", expectedServers: ["ok", "ok", "ok", "ok", "A", "A"],
                          expectedState: ["NOLB", "3"])
    }

    func testWithoutTheOptionTheServerGoesDown() async throws {
        try await compare(option: "", expectedServers: ["ok", "ok", "ok", "ok", "ok", "ok"], expectedState: ["DOWN", "0"])
    }

    /// Which server answered each of four plain requests and two carrying the cookie of the 404 server, on both sides.
    /// `expectedState`: server a's `show stat` status and `show servers state` operational state on haproxy.
    private func compare(option: String, expectedServers: [String], expectedState: [String]) async throws {
        let others = [try ScriptedBackend(script: Self.notFoundOnHealth), try ScriptedBackend(script: Self.notFoundOnHealth)]
        let cliPorts = [Loopback.freePort(), Loopback.freePort()]
        let calls = NIOLockedValueBox(0)
        let pair = try await ProxyPair({ port, server in
            // haproxy's configuration is written first, the engine's second: each gets its own 404 server and CLI.
            let side = calls.withLockedValue { count in defer { count += 1 }; return min(count, 1) }
            let other = others[side]
            return """
                global
                    stats socket 127.0.0.1:\(cliPorts[side]) level admin
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
        let states = cliPorts.map { Self.stateOfServerA(cliPort: $0) }
        await pair.shutdown()
        others.forEach { $0.stop() }
        XCTAssertEqual(answered[0], expectedServers, "haproxy's servers")
        XCTAssertEqual(answered[1], answered[0], "the engine's servers differ from haproxy's")
        XCTAssertEqual(states[0], expectedState, "haproxy's view of server a")
        XCTAssertEqual(states[1], states[0], "the engine's runtime API shows server a otherwise than haproxy's")
    }

    /// Server a's `show stat` status (column 18) and `show servers state` operational state (column 6).
    private static func stateOfServerA(cliPort: Int) -> [String] {
        let stat = CLIClient.send(port: cliPort, "show stat").split(separator: "\n").first { $0.hasPrefix("l,a,") }
        let status = stat.map { $0.split(separator: ",", omittingEmptySubsequences: false) }.map { $0.count > 17 ? String($0[17]) : "" }
        let state = CLIClient.send(port: cliPort, "show servers state l").split(separator: "\n").first { line in
            line.split(separator: " ").dropFirst(3).first == "a"
        }
        let operational = state.map { $0.split(separator: " ") }.map { $0.count > 5 ? String($0[5]) : "" }
        return [status ?? "", operational ?? ""]
    }
}
