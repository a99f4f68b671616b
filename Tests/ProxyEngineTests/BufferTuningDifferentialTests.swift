import Foundation
import XCTest

/// `tune.bufsize`, `tune.maxrewrite` and `tune.http.maxhdr` bound request and
/// response heads in the engine as in the real haproxy 2.6: the same heads
/// pass, the same ones get 400 (request) or 502 (response).
final class BufferTuningDifferentialTests: XCTestCase {
    static func config(port: Int, server: String) -> String {
        """
        global
            tune.bufsize 4096
            tune.maxrewrite 3000
            tune.http.maxhdr 12
        defaults
            mode http
            timeout connect 1s
            timeout client 3s
            timeout server 2s
        frontend f
            bind 127.0.0.1:\(port)
            default_backend b
        backend b
            server s \(server)

        """
    }

    static func headers(_ count: Int) -> String { (0..<count).map { "X-H\($0): v\r\n" }.joined() }

    func testHeadLimitsFollowTheTuneKeywords() async throws {
        let bigResponse = "HTTP/1.1 200 OK\r\nX-Big: " + String(repeating: "r", count: 1_915) + "\r\nContent-Length: 2\r\n\r\nok"
        let fitResponse = "HTTP/1.1 200 OK\r\nX-Big: " + String(repeating: "r", count: 1_914) + "\r\nContent-Length: 2\r\n\r\nok"
        let replies: [String: ScriptedBackend.Reply] = ["/big": .init(bigResponse), "/fit": .init(fitResponse),
                                                        "/many": .init("HTTP/1.1 200 OK\r\n" + Self.headers(12) + "Content-Length: 2\r\n\r\nok")]
        let pair = try await ProxyPair(Self.config) { path in replies[path] ?? .ok }
        // maxrewrite 3000 is capped at half of the 4096-byte buffer, and a head's HTX form must fit in the rest:
        // the sizes are haproxy 2.6.12's last passing and first refused ones, found by bisection.
        let cases: [(String, String)] = [
            ("request head at the limit", "GET /p HTTP/1.1\r\nHost: a\r\nX-Pad: \(String(repeating: "p", count: 1_924))\r\n\r\n"),
            ("request head one byte over", "GET /p HTTP/1.1\r\nHost: a\r\nX-Pad: \(String(repeating: "p", count: 1_925))\r\n\r\n"),
            ("10 request headers", "GET / HTTP/1.1\r\nHost: a\r\n\(Self.headers(9))\r\n"),
            ("12 request headers", "GET / HTTP/1.1\r\nHost: a\r\n\(Self.headers(11))\r\n"),
            ("response head at the limit", "GET /fit HTTP/1.1\r\nHost: a\r\n\r\n"),
            ("response head one byte over", "GET /big HTTP/1.1\r\nHost: a\r\n\r\n"),
            ("response with 13 headers", "GET /many HTTP/1.1\r\nHost: a\r\n\r\n"),
        ]
        var disagreements: [String] = []
        var statuses: [Int] = []
        for (name, request) in cases {
            let (haproxy, engine) = pair.exchange(Array(request.utf8))
            statuses += haproxy.statuses
            if haproxy != engine { disagreements.append("\(name):\n  haproxy \(haproxy)\n  engine  \(engine)") }
        }
        await pair.shutdown()
        XCTAssertEqual(disagreements, [], disagreements.joined(separator: "\n"))
        // The limits really bite: haproxy refuses some of these heads and passes others.
        XCTAssertTrue(statuses.contains(200) && statuses.contains(400) && statuses.contains(502), "\(statuses)")
    }
}
