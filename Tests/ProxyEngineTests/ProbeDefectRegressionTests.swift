import Foundation
import WeirTestSupport
import XCTest
#if canImport(Glibc)
import Glibc
#endif

/// The engine defects found by probing it beside haproxy
/// (reference/probe-results.md D1, D3, D10, D12, D16, D18), and the stats
/// answer of issue 18: the same bytes go through the real haproxy and the
/// engine, and both must give haproxy's outcome.
final class ProbeDefectRegressionTests: XCTestCase {
    static let replies: [String: ScriptedBackend.Reply] = [
        "/bad-status": .init("HTTP/1.1 abc Not Valid\r\nContent-Length: 2\r\n\r\nok"),
        "/garbage": .init("garbage here\r\n\r\n", close: true),
        "/close-noresp": .init("", close: true),
        "/never": .init(""),
        "/continue-only": .init("HTTP/1.1 100 Continue\r\n\r\n"),
        "/1xx": .init("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </s.css>; rel=preload\r\n\r\n"
                      + "HTTP/1.1 200 OK\r\nContent-Length: 6\r\n\r\nfinal\n"),
    ]

    private func pair(serverTimeout: String = "2s", extra: String = "") async throws -> ProxyPair {
        let replies = Self.replies
        return try await ProxyPair({ port, server in
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
                server s \(server)
            \(extra)
            """
        }) { path in replies[path] ?? .ok }
    }

    /// Sends the bytes to both proxies and checks both give the expected statuses, connection outcome and request count.
    private func assertBoth(_ pair: ProxyPair, _ text: String, statuses: [Int], closed: Bool, forwarded: Int,
                           settle: Double = 0.4, file: StaticString = #filePath, line: UInt = #line) -> ProxyPair.Observed {
        let (haproxy, engine) = pair.exchange(Array(text.utf8), settle: settle)
        for (name, observed) in [("haproxy", haproxy), ("engine", engine)] {
            XCTAssertEqual(observed.statuses, statuses, "\(name): \(observed.raw.prefix(200))", file: file, line: line)
            XCTAssertEqual(observed.closed, closed, "\(name) connection", file: file, line: line)
            XCTAssertEqual(observed.backend.count, forwarded, "\(name) backend: \(observed.backend)", file: file, line: line)
        }
        XCTAssertEqual(haproxy.backend, engine.backend, file: file, line: line)
        return engine
    }

    func testD1AnInvalidOrMissingAnswerIsNeverReplayed() async throws {
        let pair = try await pair()
        let post = "Host: example.com\r\nContent-Type: application/json\r\nContent-Length: 15\r\n\r\n{\"charge\": 100}"
        _ = assertBoth(pair, "POST /bad-status HTTP/1.1\r\n" + post, statuses: [502], closed: false, forwarded: 1)
        _ = assertBoth(pair, "GET /garbage HTTP/1.1\r\nHost: a\r\n\r\n", statuses: [502], closed: false, forwarded: 1)
        _ = assertBoth(pair, "POST /close-noresp HTTP/1.1\r\n" + post, statuses: [502], closed: false, forwarded: 1)
        await pair.shutdown()
    }

    func testD1TimeoutServerAnswers504OnceAndLeavesNoServerConnection() async throws {
        let pair = try await pair(serverTimeout: "300ms")
        _ = assertBoth(pair, "POST /never HTTP/1.1\r\nHost: a\r\nContent-Length: 2\r\n\r\nhi", statuses: [504], closed: false,
                       forwarded: 1, settle: 0.8)
        usleep(500_000)
        XCTAssertEqual(pair.engineBackend.openConnections, 0, "the engine left its server connection open")
        XCTAssertEqual(pair.haproxyBackend.openConnections, 0)
        await pair.shutdown()
    }

    func testASlowUploadIsNotCutByTimeoutServer() async throws {
        let pair = try await pair(serverTimeout: "300ms")
        var outcomes: [Int] = []
        for port in [pair.haproxyPort, pair.enginePort] {
            let fd = try XCTUnwrap(Loopback.connect(port: port))
            defer { close(fd) }
            Loopback.send(fd, "POST /slow HTTP/1.1\r\nHost: a\r\nContent-Length: 8\r\n\r\n")
            for byte in "abcdefgh" {
                usleep(120_000)
                Loopback.send(fd, String(byte))
            }
            outcomes.append(ProxyPair.statuses(Loopback.readUntil(fd, "\r\n\r\nok", seconds: 3)).first ?? 0)
        }
        XCTAssertEqual(outcomes, [200, 200], "haproxy, engine: an upload slower than timeout server in total but never silent")
        await pair.shutdown()
    }

    /// haproxy 2.6 does not end a stalled upload at `timeout client` (300 ms here) but at `timeout server`: 504, closed.
    func testAStalledUploadEndsAtTimeoutServerAsInHAProxy() async throws {
        let replies = Self.replies
        let pair = try await ProxyPair({ port, server in
            "defaults\n    mode http\n    timeout connect 1s\n    timeout client 300ms\n    timeout server 1s\n"
                + "frontend f\n    bind 127.0.0.1:\(port)\n    default_backend b\nbackend b\n    server s \(server)\n"
        }) { path in replies[path] ?? .ok }
        let (haproxy, engine) = pair.exchange(Array("POST /stall HTTP/1.1\r\nHost: a\r\nContent-Length: 10\r\n\r\nab".utf8), settle: 2.5)
        XCTAssertEqual(haproxy.statuses, [504])
        XCTAssertTrue(haproxy.closed)
        XCTAssertEqual(engine, haproxy)
        await pair.shutdown()
    }

    func testAClientThatHalfClosesAfterItsRequestStillGetsTheResponse() async throws {
        let pair = try await pair()
        var outcomes: [[Int]] = []
        for port in [pair.haproxyPort, pair.enginePort] {
            let fd = try XCTUnwrap(Loopback.connect(port: port))
            defer { close(fd) }
            Loopback.send(fd, "GET /half HTTP/1.1\r\nHost: a\r\n\r\n")
            shutdown(fd, Int32(SHUT_WR))
            outcomes.append(ProxyPair.statuses(Loopback.readAll(fd, seconds: 3)))
        }
        XCTAssertEqual(outcomes, [[200], [200]], "haproxy, engine")
        await pair.shutdown()
    }

    func testD10AmbiguousHostIsRefused() async throws {
        let pair = try await pair()
        _ = assertBoth(pair, "GET /duphost HTTP/1.1\r\nHost: a.example\r\nHost: b.example\r\n\r\n", statuses: [400], closed: true,
                       forwarded: 0)
        _ = assertBoth(pair, "GET http://abs.example/abs?q=1 HTTP/1.1\r\nHost: other.example\r\n\r\n", statuses: [400], closed: true,
                       forwarded: 0)
        await pair.shutdown()
    }

    func testD12HeaderLimits() async throws {
        let pair = try await pair()
        let headers = (0..<1000).map { "X-\($0): v\r\n" }.joined()
        for request in [
            "GET / HTTP/1.1\r\nHost: a\r\n" + headers + "\r\n",
            "GET /" + String(repeating: "a", count: 65_536) + " HTTP/1.1\r\nHost: a\r\n\r\n",
            "GET / HTTP/1.1\r\nHost: a\r\nX-Big: " + String(repeating: "b", count: 20_000) + "\r\n\r\n",
        ] {
            _ = assertBoth(pair, request, statuses: [400], closed: true, forwarded: 0)
        }
        let longExtension = "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n5;" + String(repeating: "x", count: 100_000)
            + "\r\nhello\r\n0\r\n\r\n"
        // The head reached the server before the chunk line was judged: both proxies abort without a response.
        let (haproxy, engine) = pair.exchange(Array(longExtension.utf8))
        XCTAssertEqual(engine.statuses, haproxy.statuses)
        XCTAssertEqual(engine.closed, haproxy.closed)
        XCTAssertFalse(engine.backend.contains { $0.contains("hello") }, "the body past the long extension was forwarded")
        await pair.shutdown()
    }

    func testD16TheFirstResponseIsKeptWhenTheNextRequestIsMalformed() async throws {
        let pair = try await pair()
        let engine = assertBoth(pair, "POST /big2 HTTP/1.1\r\nHost: example.com\r\nContent-Length: 5\r\n\r\nhelloXXXXXXXXXXXX\r\n\r\n",
                                statuses: [200, 400], closed: true, forwarded: 1)
        XCTAssertTrue(engine.backend.first?.hasSuffix("body(5) hello") ?? false, "\(engine.backend)")
        await pair.shutdown()
    }

    func testD18InterimResponsesVersionsAndFragments() async throws {
        let pair = try await pair()
        _ = assertBoth(pair, "GET /1xx HTTP/1.1\r\nHost: a\r\n\r\n", statuses: [100, 103, 200], closed: false, forwarded: 1)
        // A 100 alone (the server waits for the body) reaches the client at once.
        _ = assertBoth(pair, "GET /continue-only HTTP/1.1\r\nHost: a\r\n\r\n", statuses: [100], closed: false, forwarded: 1)
        let engine = assertBoth(pair, "GET /v10 HTTP/1.0\r\n\r\n", statuses: [200], closed: true, forwarded: 1)
        XCTAssertTrue(engine.backend.first?.hasPrefix("GET /v10 HTTP/1.0\n") ?? false, "\(engine.backend)")
        _ = assertBoth(pair, "GET /a#frag HTTP/1.1\r\nHost: a\r\n\r\n", statuses: [400], closed: true, forwarded: 0)
        await pair.shutdown()
    }

    func testD3AnUploadStreamsWithoutGrowingMemory() async throws {
        let pair = try await pair()
        let size = 64 << 20
        XCTAssertEqual(Self.upload(port: pair.haproxyPort, bytes: size), 200, "haproxy")
        let before = Self.residentKB("VmRSS")
        // Reset the peak so it measures this upload only (Linux: "5" clears VmHWM).
        try "5".write(toFile: "/proc/self/clear_refs", atomically: false, encoding: .utf8)
        XCTAssertEqual(Self.upload(port: pair.enginePort, bytes: size), 200, "engine")
        let growth = Self.residentKB("VmHWM") - before
        XCTAssertLessThan(growth, 24 * 1024, "peak RSS grew by \(growth) KB for a \(size >> 20) MiB body")
        await pair.shutdown()
    }

    func testAResponseStreamsToASlowClientWithoutGrowingMemory() async throws {
        let size = 32 << 20
        let body = [UInt8](repeating: UInt8(ascii: "y"), count: size)
        let reply = ScriptedBackend.Reply(bytes: Array("HTTP/1.1 200 OK\r\nContent-Length: \(size)\r\n\r\n".utf8) + body)
        let pair = try await ProxyPair({ port, server in
            "defaults\n    mode http\n    timeout connect 1s\n    timeout client 10s\n    timeout server 10s\n"
                + "frontend f\n    bind 127.0.0.1:\(port)\n    default_backend b\nbackend b\n    server s \(server)\n"
        }) { _ in reply }
        XCTAssertEqual(Self.download(port: pair.haproxyPort, expected: size), size, "haproxy")
        let before = Self.residentKB("VmRSS")
        try "5".write(toFile: "/proc/self/clear_refs", atomically: false, encoding: .utf8)
        XCTAssertEqual(Self.download(port: pair.enginePort, expected: size), size, "engine")
        let growth = Self.residentKB("VmHWM") - before
        XCTAssertLessThan(growth, 16 * 1024, "peak RSS grew by \(growth) KB for a \(size >> 20) MiB response to a slow client")
        await pair.shutdown()
    }

    /// GETs a response and reads it slowly (small reads, a pause every 256 KiB); returns the body bytes received.
    static func download(port: Int, expected: Int) -> Int {
        guard let fd = Loopback.connect(port: port) else { return 0 }
        defer { close(fd) }
        var small: Int32 = 16_384
        setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &small, socklen_t(MemoryLayout<Int32>.size))
        Loopback.send(fd, "GET /big HTTP/1.1\r\nHost: a\r\n\r\n")
        var buffer = [UInt8](repeating: 0, count: 16_384)
        var received = 0, headSkipped = false, pending = [UInt8]()
        let deadline = Date().addingTimeInterval(30)
        while received < expected, Date() < deadline {
            let count = recv(fd, &buffer, buffer.count, 0)
            if count <= 0 { break }
            if headSkipped {
                received += count
            } else {
                pending += buffer[0..<count]
                if let end = RecordedRequest.find([13, 10, 13, 10], in: pending, from: 0) {
                    headSkipped = true
                    received = pending.count - end - 4
                }
            }
            if received % (256 << 10) < count { usleep(2_000) }
        }
        return received
    }

    /// POSTs `bytes` of body in 64 KiB writes; returns the response status.
    static func upload(port: Int, bytes: Int) -> Int {
        guard let fd = Loopback.connect(port: port) else { return 0 }
        defer { close(fd) }
        Loopback.send(fd, "POST /upload HTTP/1.1\r\nHost: a\r\nContent-Length: \(bytes)\r\n\r\n")
        let chunk = [UInt8](repeating: UInt8(ascii: "x"), count: 65_536)
        var left = bytes
        while left > 0 {
            let sent = chunk.withUnsafeBytes { Glibc.send(fd, $0.baseAddress, min($0.count, left), Int32(MSG_NOSIGNAL)) }
            if sent <= 0 { return 0 }
            left -= sent
        }
        return ProxyPair.statuses(Loopback.readUntil(fd, "\r\n\r\nok", seconds: 10)).first ?? 0
    }

    static func residentKB(_ field: String) -> Int {
        let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
        let line = status.split(separator: "\n").first { $0.hasPrefix(field + ":") } ?? ""
        return Int(line.split(separator: " ").dropFirst().first ?? "") ?? 0
    }

    func testStatsAnswer401WithHAProxysRealm() async throws {
        let pair = try await ProxyPair({ port, server in
            """
            defaults
                mode http
                timeout connect 1s
                timeout client 5s
                timeout server 2s
            listen st
                bind 127.0.0.1:\(port)
                stats enable
                stats uri /stats
                stats realm My\\ Realm
                stats auth admin:secret
                server s \(server)

            """
        }) { _ in .ok }
        for request in ["GET /stats HTTP/1.1\r\nHost: a\r\n\r\n", "GET /stats;csv HTTP/1.0\r\n\r\n",
                        "POST /stats HTTP/1.1\r\nHost: a\r\nAuthorization: Basic YWRtaW46d3Jvbmc=\r\nContent-Length: 0\r\n\r\n"] {
            let (haproxy, engine) = pair.exchange(Array(request.utf8))
            XCTAssertTrue(haproxy.raw.hasPrefix("HTTP/1.1 401 Unauthorized\r\n"), haproxy.raw)
            XCTAssertTrue(haproxy.raw.contains("www-authenticate: Basic realm=\"My Realm\"\r\n"), haproxy.raw)
            XCTAssertEqual(engine.raw, haproxy.raw, request)
            XCTAssertEqual(engine.closed, haproxy.closed, request)
        }
        _ = assertBoth(pair, "GET /other HTTP/1.1\r\nHost: a\r\n\r\n", statuses: [200], closed: false, forwarded: 1)
        await pair.shutdown()
    }
}
