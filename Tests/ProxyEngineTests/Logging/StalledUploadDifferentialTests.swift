import Foundation
import WeirTestSupport
import XCTest

/// A client that sends a request head and half its body, then stalls, through
/// the real haproxy 2.6 and the engine: haproxy suspends `timeout client`
/// while `timeout server` runs (the upload ends at `timeout server` with a
/// 504, `sH`) and applies it otherwise (both connections closed without an
/// answer, `cD`). The client's outcome, the log lines and their total time
/// (`Tt`, within 400 ms) must agree.
final class StalledUploadDifferentialTests: XCTestCase {
    static func config(timeouts: String, logPort: @escaping () -> Int) -> (Int, String) -> String {
        { port, server in
            """
            global
                log 127.0.0.1:\(logPort()) local0
            defaults
                mode http
                log global
                option httplog
                timeout connect 1s
                \(timeouts)
            frontend fe
                bind 127.0.0.1:\(port)
                default_backend app
            backend app
                server app01 \(server)

            """
        }
    }

    func testAStalledUploadEndsAsInHAProxy() async throws {
        let head = "POST /upload HTTP/1.1\r\nHost: example.test\r\n"
        let sized = head + "Content-Length: 100\r\n\r\n" + String(repeating: "x", count: 50)
        // A chunked body stalled inside its second chunk.
        let chunked = head + "Transfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n20\r\nhalf a chunk"
        let cases: [(timeouts: String, upload: String, statuses: [Int], state: String, seconds: Double)] = [
            ("timeout client 1s", sized, [], "cD--", 1),
            ("timeout client 1s", chunked, [], "cD--", 1),
            ("timeout client 1s\n    timeout server 2s", sized, [504], "sH--", 2),
        ]
        for item in cases {
            let receivers = [try SyslogReceiver(), try SyslogReceiver()]
            let calls = NSLockedBox(0)
            let pair = try await ProxyPair(Self.config(timeouts: item.timeouts) {
                var port = 0
                calls.mutate { count in
                    port = receivers[min(count, 1)].port
                    count += 1
                }
                return port
            }) { _ in .init("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok") }
            receivers.forEach { $0.drain() }
            let (haproxy, engine) = pair.exchange(Array(item.upload.utf8), settle: 3)
            XCTAssertEqual(haproxy.statuses, item.statuses, "\(item.timeouts): haproxy \(haproxy.raw)")
            XCTAssertEqual(engine, haproxy, "\(item.timeouts)\nhaproxy: \(haproxy)\nengine:  \(engine)")
            let haproxyLine = receivers[0].next(seconds: 3), engineLine = receivers[1].next(seconds: 3)
            await pair.shutdown()
            guard let haproxyLine, let engineLine else {
                XCTFail("\(item.timeouts): a log line is missing\nhaproxy: \(haproxyLine ?? "none")\nengine:  \(engineLine ?? "none")")
                continue
            }
            XCTAssertTrue(haproxyLine.contains(" \(item.state) "), "\(item.timeouts): haproxy logged \(haproxyLine)")
            XCTAssertEqual(HTTPLogDifferentialTests.normalized(engineLine, [4]), HTTPLogDifferentialTests.normalized(haproxyLine, [4]),
                           "\(item.timeouts)\nhaproxy: \(haproxyLine)\nengine:  \(engineLine)")
            let haproxyTotal = Self.totalSeconds(haproxyLine), engineTotal = Self.totalSeconds(engineLine)
            XCTAssertEqual(haproxyTotal ?? 0, item.seconds, accuracy: 0.4, "\(item.timeouts): haproxy \(haproxyLine)")
            XCTAssertEqual(engineTotal ?? 0, haproxyTotal ?? 0, accuracy: 0.4, "\(item.timeouts)\nhaproxy: \(haproxyLine)\nengine:  \(engineLine)")
        }
    }

    /// `Tt`, the last of the httplog line's timers (`Tq/Tw/Tc/Tr/Tt`), in seconds.
    static func totalSeconds(_ line: String) -> Double? {
        guard let range = line.range(of: #" -?\d+/-?\d+/-?\d+/-?\d+/\d+ "#, options: .regularExpression) else { return nil }
        return line[range].trimmingCharacters(in: .whitespaces).split(separator: "/").last.flatMap { Double($0) }.map { $0 / 1000 }
    }
}
