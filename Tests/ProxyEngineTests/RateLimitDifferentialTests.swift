import Foundation
import WeirTestSupport
import XCTest
#if canImport(Glibc)
import Glibc
#endif

/// The article's rate limiter (Fixtures/article/11-rate-limit.cfg, on
/// loopback without TLS) in the real haproxy 2.6 and in the engine: the same
/// requests get 429 at the same place, for each of its two rules.
final class RateLimitDifferentialTests: XCTestCase {
    static func config(_ port: Int, _ server: String) -> String {
        """
        global
            nbthread 1
        defaults
            mode http
            timeout connect 1s
            timeout client 5s
            timeout server 5s
        frontend https_frontend
            bind 127.0.0.1:\(port)
            stick-table type ip size 100k expire 60s store http_req_rate(10s),conn_cur
            http-request track-sc0 src
            http-request deny deny_status 429 if { sc_http_req_rate(0) gt 100 }
            http-request deny deny_status 429 if { sc_conn_cur(0) gt 20 }
            default_backend web_servers
        backend web_servers
            server s \(server)

        """
    }

    /// `/slow` answers after 1.5 s, so requests pile up; the rest at once.
    static func reply(_ path: String) -> ScriptedBackend.Reply {
        if path == "/slow" { usleep(1_500_000) }
        return .ok
    }

    func testTheRequestRateRuleDeniesTheSameRequest() async throws {
        let pair = try await ProxyPair(Self.config, script: Self.reply)
        let request = "GET / HTTP/1.1\r\nHost: a\r\n\r\n"
        // 110 pipelined keep-alive requests: each is a stream of its own that tracks the client again.
        let (haproxy, engine) = pair.exchange(Array(String(repeating: request, count: 110).utf8), settle: 0.8)
        await pair.shutdown()
        XCTAssertEqual(Array(haproxy.statuses.prefix(101)), Array(repeating: 200, count: 100) + [429], haproxy.raw.suffix(300).description)
        XCTAssertEqual(engine.statuses, haproxy.statuses)
        XCTAssertEqual(engine.closed, haproxy.closed)
    }

    func testTheConcurrencyRuleDeniesTheRequestsPastTwenty() async throws {
        let pair = try await ProxyPair(Self.config, script: Self.reply)
        var counts: [[Int: Int]] = []
        for port in [pair.haproxyPort, pair.enginePort] {
            counts.append(Self.concurrentStatuses(port: port, count: 25))
        }
        await pair.shutdown()
        XCTAssertEqual(counts[0], [200: 20, 429: 5], "haproxy")
        XCTAssertEqual(counts[1], counts[0], "engine")
    }

    /// Opens `count` connections, sends `/slow` on each before reading any, and counts the statuses.
    static func concurrentStatuses(port: Int, count: Int) -> [Int: Int] {
        let sockets = (0..<count).compactMap { _ in Loopback.connect(port: port) }
        defer { sockets.forEach { close($0) } }
        let request = Array("GET /slow HTTP/1.1\r\nHost: a\r\n\r\n".utf8)
        for fd in sockets {
            _ = request.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            // The proxy reads them in order, as a burst of clients would send them.
            usleep(10_000)
        }
        var statuses: [Int: Int] = [:]
        for fd in sockets {
            var timeout = timeval(tv_sec: 4, tv_usec: 0)
            setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
            var buffer = [UInt8](repeating: 0, count: 4096)
            let received = recv(fd, &buffer, buffer.count, 0)
            let text = received > 0 ? String(decoding: buffer[0..<received], as: UTF8.self) : ""
            let status = ProxyPair.statuses(text).first ?? 0
            statuses[status, default: 0] += 1
        }
        return statuses
    }
}
