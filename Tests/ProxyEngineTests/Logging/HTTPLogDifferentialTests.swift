import Foundation
import WeirTestSupport
import XCTest

/// The same exchanges through the real haproxy 2.6 and the engine, each
/// logging to its own UDP syslog receiver: the lines must agree field by
/// field, except for dates, pids, client ports and the values of timers
/// (a timer that is -1 on one side must be -1 on the other).
final class HTTPLogDifferentialTests: XCTestCase {
    /// `/slow` never answers (`timeout server`, 504); `/abort` neither, but the client leaves first;
    /// `/partial` sends 2 of 100 bytes (`timeout server` during the body).
    static let replies: [String: ScriptedBackend.Reply] = [
        "/": .init("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n\r\nok"),
        "/slow": .init(""),
        "/abort": .init(""),
        "/partial": .init("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nok"),
        "/cookie": .init("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nX-Backend: b1-long-name\r\n"
                         + "Set-Cookie: theme=dark\r\nSet-Cookie: SESSIONID = abc123def456ghi789jkl; Path=/\r\nContent-Length: 2\r\n\r\nok"),
    ]

    /// A configuration with `format` in defaults, a capture of each direction (and the `frontend` lines) and a backend
    /// whose server refuses connections.
    static func config(format: String, frontend: String = "", logPort: @escaping () -> Int) -> (Int, String) -> String {
        let deadPort = Loopback.freePort()
        return { port, server in
            """
            global
                log 127.0.0.1:\(logPort()) local0
            defaults
                mode http
                log global
                \(format)
                retries 0
                timeout connect 1s
                timeout client 5s
                timeout server 1s
            frontend fe
                bind 127.0.0.1:\(port)
                capture request header Host len 32
                capture response header Content-Type len 32
                \(frontend)
                http-request deny if { path_beg /deny }
                http-request return status 200 content-type text/plain string ok if { path_beg /local }
                use_backend dead if { path_beg /dead }
                default_backend app
            backend app
                server app01 \(server)
            backend dead
                server gone 127.0.0.1:\(deadPort)

            """
        }
    }

    func testHTTPLogLinesAgreeWithHAProxy() async throws {
        try await Self.compare(format: "option httplog", paths: ["/", "/dead", "/slow", "/?q=a%20b", "/partial", "/abort", "/deny", "/local"], timerTokens: [4])
    }

    func testArticleCustomFormatAgreesWithHAProxy() async throws {
        // Fixtures/article/16-logging.cfg with %Tt for the %TT that haproxy 2.6 refuses.
        try await Self.compare(format: #"log-format "%ci:%cp [%t] %ft %b/%s %Tq/%Tw/%Tc/%Tr/%Tt %ST %B %tsc %ac/%fc/%bc/%sc/%rc %{+Q}r""#,
                          paths: ["/", "/dead"], timerTokens: [4])
    }

    func testCLFLinesAgreeWithHAProxy() async throws {
        // %cp, %ms, then TR Tw Tc Tr Ta.
        try await Self.compare(format: "option httplog clf", paths: ["/", "/dead"], timerTokens: [11, 12, 16, 17, 18, 19, 20])
    }

    /// `option dontlog-normal` drops the normal line; `log-separate-errors` sends the 503 at `err` (`<131>`).
    func testDontLogNormalAndSeparateErrorsAgreeWithHAProxy() async throws {
        try await Self.compare(format: "option httplog\n    option dontlog-normal\n    option log-separate-errors",
                          paths: ["/", "/dead"], timerTokens: [4], silent: ["/"])
    }

    /// Sends each path to both proxies and compares the log lines; returns what each side did of each exchange.
    @discardableResult
    static func compare(format: String, frontend: String = "", headers: String = "", paths: [String], timerTokens: Set<Int>,
                        silent: Set<String> = [], file: StaticString = #filePath, line: UInt = #line) async throws -> [(haproxy: ProxyPair.Observed, engine: ProxyPair.Observed)] {
        let receivers = [try SyslogReceiver(), try SyslogReceiver()]
        let calls = NSLockedBox(0)
        let next: () -> Int = {
            var port = 0
            calls.mutate { count in
                port = receivers[min(count, 1)].port
                count += 1
            }
            return port
        }
        let pair = try await ProxyPair(Self.config(format: format, frontend: frontend, logPort: next)) { path in
            Self.replies[path] ?? Self.replies["/"]!
        }
        receivers.forEach { $0.drain() }
        var observed: [(haproxy: ProxyPair.Observed, engine: ProxyPair.Observed)] = []
        for path in paths {
            // %ac and %fc count the connections still open: give each proxy time to see the previous client's close.
            if !observed.isEmpty { usleep(200_000) }
            observed.append(pair.exchange(Array("GET \(path) HTTP/1.1\r\nHost: example.test\r\n\(headers)Connection: close\r\n\r\n".utf8), settle: path == "/slow" ? 1.5 : 0.3))
            if silent.contains(path) {
                XCTAssertNil(receivers[0].next(seconds: 0.5), "haproxy logged \(path)", file: file, line: line)
                XCTAssertNil(receivers[1].next(seconds: 0.5), "the engine logged \(path)", file: file, line: line)
                continue
            }
            let haproxy = receivers[0].next(seconds: 3), engine = receivers[1].next(seconds: 3)
            XCTAssertNotNil(haproxy, "haproxy logged nothing for \(path)", file: file, line: line)
            XCTAssertNotNil(engine, "the engine logged nothing for \(path)", file: file, line: line)
            guard let haproxy, let engine else { continue }
            XCTAssertEqual(Self.normalized(engine, timerTokens), Self.normalized(haproxy, timerTokens), "\(path)\nhaproxy: \(haproxy)\nengine:  \(engine)",
                           file: file, line: line)
        }
        await pair.shutdown()
        return observed
    }

    /// The line without what may differ: the date and pid of the header, dates, client ports, and the
    /// values of the timer tokens (each number there keeps only whether it is -1, and the `+` of `option logasap`).
    static func normalized(_ datagram: String, _ timerTokens: Set<Int>) -> String {
        var text = datagram
        // <134>Dec  7 09:46:43 haproxy[597]: → <134>haproxy:
        text = text.replacingOccurrences(of: #"^(<\d+>)[A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d (\S+)\[\d+\]: "#, with: "$1$2: ",
                                         options: .regularExpression)
        text = text.replacingOccurrences(of: #"\d\d/[A-Z][a-z]{2}/\d{4}:\d\d:\d\d:\d\d(\.\d{3}| \+\d{4})"#, with: "DATE",
                                         options: .regularExpression)
        text = text.replacingOccurrences(of: #"127\.0\.0\.1:\d+"#, with: "127.0.0.1:PORT", options: .regularExpression)
        guard let colon = text.range(of: ": ") else { return text }
        var tokens = text[colon.upperBound...].split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        for index in timerTokens where index < tokens.count {
            tokens[index] = tokens[index].split(separator: "/", omittingEmptySubsequences: false)
                .map { $0 == "-1" ? "-1" : $0.hasPrefix("+") ? "+N" : "N" }.joined(separator: "/")
        }
        return String(text[..<colon.upperBound]) + tokens.joined(separator: " ")
    }
}
