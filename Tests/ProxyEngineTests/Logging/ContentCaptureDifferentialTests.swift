import Foundation
import WeirTestSupport
import XCTest

/// `tcp-request content capture SAMPLE len N` through the real haproxy 2.6
/// and the engine: each rule takes the next request slot where it is
/// written, among `capture request header` and `http-request capture … len
/// N`, and fills it (cut to its length) before the HTTP rules run in `mode
/// http`, at accept in `mode tcp`; `%hr`, `%hrl` and `capture.req.hdr(N)` show it.
final class ContentCaptureDifferentialTests: XCTestCase {
    /// Request slots: 0 Host (the shared configuration), 1 the user agent (6 bytes), 2 the client's
    /// address, 3 the query string only for `/cookie`, 4 the path.
    static let frontend = """
        tcp-request content capture req.hdr(user-agent) len 6
            tcp-request content capture src len 15
            tcp-request content capture query len 10 if { path_beg /cookie }
            http-request capture path len 20
        """
    static let headers = "User-Agent: curl/8.1 like\r\n"

    func testHTTPLogShowsContentCapturesAsHAProxy() async throws {
        try await HTTPLogDifferentialTests.compare(format: "option httplog", frontend: Self.frontend, headers: Self.headers,
                                                   paths: ["/cookie?a=1&b=2&c=3", "/", "/deny", "/dead"], timerTokens: [4])
    }

    /// In `mode tcp` the rules run when the connection is accepted (no `inspect-delay`): connection samples.
    func testTCPModeLogShowsContentCapturesAsHAProxy() async throws {
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
                    log-format "%ft %b/%s %hr %hrl %ts"
                    timeout connect 1s
                    timeout client 5s
                    timeout server 5s
                frontend fe
                    bind 127.0.0.1:\(port)
                    tcp-request content capture src len 15
                    tcp-request content capture dst len 5
                    tcp-request content capture fe_name len 10 if { src 10.0.0.0/8 }
                    default_backend app
                backend app
                    server app01 \(server)

                """
        }, script: { _ in .init("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok", close: true) })
        receivers.forEach { $0.drain() }
        _ = pair.exchange(Array("GET / HTTP/1.1\r\nHost: example.test\r\n\r\n".utf8), settle: 0.3)
        let haproxy = receivers[0].next(seconds: 3), engine = receivers[1].next(seconds: 3)
        await pair.shutdown()
        let haproxyLine = try XCTUnwrap(haproxy, "haproxy logged nothing")
        let engineLine = try XCTUnwrap(engine, "the engine logged nothing")
        XCTAssertTrue(haproxyLine.contains("{127.0.0.1|"), "haproxy: \(haproxyLine)")
        XCTAssertEqual(HTTPLogDifferentialTests.normalized(engineLine, []), HTTPLogDifferentialTests.normalized(haproxyLine, []),
                       "\nhaproxy: \(haproxyLine)\nengine:  \(engineLine)")
    }

    func testCaptureFetchesReadContentCapturesAsHAProxy() async throws {
        let format = #"log-format "%ST %hrl [%[capture.req.hdr(1)]] %{+Q}[capture.req.hdr(2)] %[capture.req.hdr(3)] %[capture.req.hdr(4)]""#
        try await HTTPLogDifferentialTests.compare(format: format, frontend: Self.frontend, headers: Self.headers,
                                                   paths: ["/cookie?x=y", "/local"], timerTokens: [])
    }
}
