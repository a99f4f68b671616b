import Foundation
import WeirTestSupport
import XCTest

/// Connection retries beside the real haproxy: a server that refuses is
/// tried again after HAProxy's pause (one second, or `timeout connect` when
/// shorter), in `mode http` and in `mode tcp`; `option redispatch` moves on to
/// another server at once.
final class ConnectRetryDifferentialTests: XCTestCase {
    /// What a client saw: the first status line's code (0 for none) and how long until the proxy closed.
    struct Seen {
        var status: Int
        var seconds: Double
    }

    /// `servers`: the backend's lines after `server`, `live` standing for the scripted backend.
    private static func config(mode: String, port: Int, servers: [String], timeoutConnect: String) -> String {
        """
        defaults
            mode \(mode)
            timeout connect \(timeoutConnect)
            timeout client 10s
            timeout server 10s
            retries 2
        frontend f
            bind 127.0.0.1:\(port)
            default_backend b
        backend b
            option redispatch
        \(servers.map { "    server " + $0 }.joined(separator: "\n"))

        """
    }

    /// Sends one request and reads until the proxy closes (at most 8 s).
    private static func see(port: Int) -> Seen {
        let started = Date()
        guard let fd = Loopback.connect(port: port) else { return Seen(status: -1, seconds: 0) }
        defer { close(fd) }
        Loopback.send(fd, "GET / HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n")
        let text = Loopback.readAll(fd, seconds: 8)
        let status = text.hasPrefix("HTTP/1.1 ") ? Int(text.dropFirst(9).prefix(3)) ?? 0 : 0
        return Seen(status: status, seconds: Date().timeIntervalSince(started))
    }

    /// Each request sent to both proxies at once, as they start; what haproxy and the engine gave, in order.
    private func run(mode: String, servers: [String], timeoutConnect: String, requests: Int) async throws -> [(Seen, Seen)] {
        let refusing = Loopback.freePort()
        let pair = try await ProxyPair({ port, server in
            Self.config(mode: mode, port: port,
                        servers: servers.map { $0.replacingOccurrences(of: "REFUSING", with: "127.0.0.1:\(refusing)")
                                                  .replacingOccurrences(of: "LIVE", with: server) },
                        timeoutConnect: timeoutConnect)
        }) { _ in ScriptedBackend.Reply("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok", close: true) }
        var results: [(Seen, Seen)] = []
        for _ in 0..<requests {
            let seen = NSLockedBox<[Int: Seen]>([:])
            DispatchQueue.concurrentPerform(iterations: 2) { side in
                let result = Self.see(port: side == 0 ? pair.haproxyPort : pair.enginePort)
                seen.mutate { $0[side] = result }
            }
            results.append((seen.value[0]!, seen.value[1]!))
        }
        await pair.shutdown()
        return results
    }

    /// A refusing server, retried twice: two pauses before the answer (503, or a close without
    /// answer in TCP mode). With `option redispatch` over a refusing and a live server: every
    /// request is answered by the live one without a pause.
    private func compare(mode: String, timeoutConnect: String, pause: Double) async throws {
        let refused = mode == "http" ? 503 : 0
        let alone = try await run(mode: mode, servers: ["dead REFUSING"], timeoutConnect: timeoutConnect, requests: 1)
        for (answer, name) in [(alone[0].0, "haproxy"), (alone[0].1, "engine")] {
            XCTAssertEqual(answer.status, refused, "\(mode) \(name): a refusing server")
            XCTAssertGreaterThan(answer.seconds, 2 * pause - 0.15, "\(mode) \(name): answered before two pauses")
            XCTAssertLessThan(answer.seconds, 2 * pause + 1.2, "\(mode) \(name): more than two pauses")
        }
        let spread = try await run(mode: mode, servers: ["dead REFUSING", "live LIVE"], timeoutConnect: timeoutConnect, requests: 4)
        for (haproxy, engine) in spread {
            for (answer, name) in [(haproxy, "haproxy"), (engine, "engine")] {
                XCTAssertEqual(answer.status, 200, "\(mode) \(name) with option redispatch")
                XCTAssertLessThan(answer.seconds, 0.9, "\(mode) \(name): a redispatch does not pause")
            }
        }
    }

    func testHTTPRetriesARefusingServerAfterHAProxysPause() async throws {
        try await compare(mode: "http", timeoutConnect: "5s", pause: 1)
    }

    func testTheConnectTimeoutShortensThePause() async throws {
        try await compare(mode: "http", timeoutConnect: "400ms", pause: 0.4)
    }

    func testTCPModeRetriesAsHTTPDoes() async throws {
        try await compare(mode: "tcp", timeoutConnect: "5s", pause: 1)
    }
}
