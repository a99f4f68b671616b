import Foundation
import WeirTestSupport
import XCTest

/// A server whose checks fail, behind the real haproxy 2.6 and the engine:
/// both send the same DOWN message (alert) and "no server available"
/// (emerg) to their backend's syslog target; only the check duration and
/// the header's date and pid may differ.
final class ServerStateLogDifferentialTests: XCTestCase {
    func testServerDownMessagesAgreeWithHAProxy() async throws {
        let receivers = [try SyslogReceiver(), try SyslogReceiver()]
        let calls = NSLockedBox(0)
        let deadPort = Loopback.freePort()
        let pair = try await ProxyPair({ port, server in
            var logPort = 0
            calls.mutate { count in
                logPort = receivers[min(count, 1)].port
                count += 1
            }
            return """
                defaults
                    mode http
                    timeout connect 1s
                    timeout client 5s
                    timeout server 5s
                frontend fe
                    bind 127.0.0.1:\(port)
                    default_backend dead
                backend dead
                    log 127.0.0.1:\(logPort) local0
                    server gone 127.0.0.1:\(deadPort) check inter 200 fall 1 rise 1
                backend unused
                    server app01 \(server)

                """
        }, script: { _ in .ok })
        let expected = ["is DOWN", "has no server available"]
        var lines: [[String]] = [[], []]
        for side in 0..<2 {
            while lines[side].count < expected.count, let message = receivers[side].next(seconds: 5) {
                if expected.contains(where: message.contains) { lines[side].append(Self.normalized(message)) }
            }
        }
        await pair.shutdown()
        XCTAssertEqual(lines[0].count, 2, "haproxy: \(lines[0])")
        XCTAssertEqual(lines[1], lines[0])
    }

    static func normalized(_ datagram: String) -> String {
        datagram
            .replacingOccurrences(of: #"^(<\d+>)[A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d (\S+)\[\d+\]: "#, with: "$1$2: ",
                                  options: .regularExpression)
            .replacingOccurrences(of: #"check duration: \d+ms"#, with: "check duration: Nms", options: .regularExpression)
    }
}
