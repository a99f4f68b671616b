import Foundation
import WeirTestSupport
import XCTest

/// `option tcplog` through the real haproxy 2.6 and the engine: the same
/// forwarded connection gives the same line, except for dates, pids, client
/// ports and timer values.
final class TCPLogDifferentialTests: XCTestCase {
    func testTCPLogLinesAgreeWithHAProxy() async throws {
        try await Self.compare(options: "")
    }

    /// Forwards one connection through both proxies with `options` in `defaults` and compares the lines.
    static func compare(options: String, file: StaticString = #filePath, line: UInt = #line) async throws {
        let receivers = [try SyslogReceiver(), try SyslogReceiver()]
        let calls = NSLockedBox(0)
        let pair = try await ProxyPair({ port, server in
            var logPort = 0
            calls.mutate { count in
                logPort = receivers[min(count, 1)].port
                count += 1
            }
            return """
                defaults
                    mode tcp
                    log 127.0.0.1:\(logPort) local0
                    option tcplog
                    \(options)
                    retries 0
                    timeout connect 1s
                    timeout client 5s
                    timeout server 5s
                frontend fe
                    bind 127.0.0.1:\(port)
                    default_backend app
                backend app
                    server app01 \(server)

                """
        }, script: { _ in .init("HTTP/1.1 200 OK\\r\\nContent-Length: 2\\r\\n\\r\\nok", close: true) })
        receivers.forEach { $0.drain() }
        _ = pair.exchange(Array("GET / HTTP/1.1\r\nHost: example.test\r\n\r\n".utf8), settle: 0.3)
        let haproxy = receivers[0].next(seconds: 3), engine = receivers[1].next(seconds: 3)
        await pair.shutdown()
        let haproxyLine = try XCTUnwrap(haproxy, "haproxy logged nothing", file: file, line: line)
        let engineLine = try XCTUnwrap(engine, "the engine logged nothing", file: file, line: line)
        XCTAssertEqual(HTTPLogDifferentialTests.normalized(engineLine, [4]), HTTPLogDifferentialTests.normalized(haproxyLine, [4]),
                       "\nhaproxy: \(haproxyLine)\nengine:  \(engineLine)", file: file, line: line)
        XCTAssertNil(receivers[1].next(seconds: 0.5), "the engine logged the connection twice", file: file, line: line)
    }
}
