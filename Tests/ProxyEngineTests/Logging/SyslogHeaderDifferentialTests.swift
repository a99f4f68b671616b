import Foundation
import WeirTestSupport
import XCTest

/// Every `format` of a `log` line, with `log-send-hostname` and `log-tag`,
/// through the real haproxy 2.6 and the engine: the same header before the
/// same httplog line, except for dates, pids, client ports and timer values.
final class SyslogHeaderDifferentialTests: XCTestCase {
    func testEveryHeaderFormatAgreesWithHAProxy() async throws {
        for format in ["local", "rfc3164", "rfc5424", "raw", "short", "priority", "iso", "timed"] {
            let receivers = [try SyslogReceiver(), try SyslogReceiver()]
            let calls = NSLockedBox(0)
            let pair = try await ProxyPair({ port, server in
                var logPort = 0
                calls.mutate { count in
                    logPort = receivers[min(count, 1)].port
                    count += 1
                }
                return """
                    global
                        log 127.0.0.1:\(logPort) len 4096 format \(format) local3 info
                        log-send-hostname weir-host
                        log-tag edge
                    defaults
                        mode http
                        log global
                        option httplog
                        timeout connect 1s
                        timeout client 5s
                        timeout server 5s
                    frontend fe
                        bind 127.0.0.1:\(port)
                        default_backend app
                    backend app
                        server app01 \(server)

                    """
            }, script: { _ in .ok })
            receivers.forEach { $0.drain() }
            _ = pair.exchange(Array("GET / HTTP/1.1\r\nHost: example.test\r\nConnection: close\r\n\r\n".utf8), settle: 0.3)
            let haproxy = receivers[0].next(seconds: 3), engine = receivers[1].next(seconds: 3)
            await pair.shutdown()
            let haproxyLine = try XCTUnwrap(haproxy, "haproxy logged nothing with format \(format)")
            let engineLine = try XCTUnwrap(engine, "the engine logged nothing with format \(format)")
            XCTAssertEqual(Self.normalized(engineLine), Self.normalized(haproxyLine),
                           "format \(format)\nhaproxy: \(haproxyLine)\nengine:  \(engineLine)")
        }
    }

    /// Dates and pids of the header replaced; the message normalized as `HTTPLogDifferentialTests` does.
    static func normalized(_ datagram: String) -> String {
        guard let start = datagram.range(of: "127.0.0.1:") else { return datagram }
        let header = String(datagram[..<start.lowerBound])
            .replacingOccurrences(of: #"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}[+-]\d\d:\d\d"#, with: "ISODATE", options: .regularExpression)
            .replacingOccurrences(of: #"[A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d"#, with: "DATE", options: .regularExpression)
            .replacingOccurrences(of: #"\[\d+\]"#, with: "[PID]", options: .regularExpression)
            .replacingOccurrences(of: #"edge \d+ "#, with: "edge PID ", options: .regularExpression)
        let message = HTTPLogDifferentialTests.normalized("<0>Jan  1 00:00:00 x[1]: " + datagram[start.lowerBound...], [4])
        return header + message
    }
}
