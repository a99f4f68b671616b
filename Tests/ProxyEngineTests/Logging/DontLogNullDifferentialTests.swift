import Foundation
import WeirTestSupport
import XCTest

/// `option dontlognull` through the real haproxy 2.6 and the engine, each
/// logging to its own syslog receiver. Without it, a connection that sends
/// nothing is logged (`400 CR--` `<BADREQ>` in `mode http` when the client
/// closes, `408 cR--` when `timeout http-request` expires); with it, neither
/// is, while a partial head, a request and a `mode tcp` connection that sent
/// bytes still are. The lines agree field by field (timer values aside).
final class DontLogNullDifferentialTests: XCTestCase {
    /// One client of a case: what it sends, how long it then waits for the proxy, and whether a line is expected.
    struct Client {
        var name: String
        var bytes: String
        var settle: Double
        var logged: Bool
    }

    static func config(mode: String, option: String, logPort: @escaping () -> Int) -> (Int, String) -> String {
        { port, server in
            """
            global
                log 127.0.0.1:\(logPort()) local0
            defaults
                mode \(mode)
                log global
                option \(mode)log
                \(option)
                retries 0
                timeout connect 1s
                timeout client 5s
                timeout server 2s
                timeout http-request 500ms
            frontend fe
                bind 127.0.0.1:\(port)
                default_backend app
            backend app
                server app01 \(server)

            """
        }
    }

    static let request = "GET / HTTP/1.1\r\nHost: example.test\r\nConnection: close\r\n\r\n"

    static func httpClients(dontLogNull: Bool) -> [Client] {
        [
            Client(name: "empty, closed", bytes: "", settle: 0.2, logged: !dontLogNull),
            Client(name: "partial head, closed", bytes: "GET / HT", settle: 0.2, logged: true),
            Client(name: "request", bytes: request, settle: 0.3, logged: true),
            Client(name: "empty, timeout http-request", bytes: "", settle: 1.2, logged: !dontLogNull),
            Client(name: "partial head, timeout http-request", bytes: "GET / HT", settle: 1.2, logged: true),
        ]
    }

    func testHTTPWithoutDontLogNullLogsEmptyConnectionsAsHAProxy() async throws {
        try await Self.compare(mode: "http", option: "", clients: Self.httpClients(dontLogNull: false))
    }

    func testHTTPWithDontLogNullSkipsEmptyConnectionsAsHAProxy() async throws {
        try await Self.compare(mode: "http", option: "option dontlognull", clients: Self.httpClients(dontLogNull: true))
    }

    func testTCPDontLogNullAgreesWithHAProxy() async throws {
        for dontLogNull in [false, true] {
            try await Self.compare(mode: "tcp", option: dontLogNull ? "option dontlognull" : "", clients: [
                Client(name: "empty, closed", bytes: "", settle: 0.2, logged: !dontLogNull),
                Client(name: "request", bytes: Self.request, settle: 0.3, logged: true),
            ])
        }
    }

    /// Runs the clients one after the other against both proxies and compares each outcome and log line.
    static func compare(mode: String, option: String, clients: [Client], file: StaticString = #filePath, line: UInt = #line) async throws {
        let receivers = [try SyslogReceiver(), try SyslogReceiver()]
        let calls = NSLockedBox(0)
        let pair = try await ProxyPair(config(mode: mode, option: option) {
            var port = 0
            calls.mutate { count in
                port = receivers[min(count, 1)].port
                count += 1
            }
            return port
        }) { _ in .init("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok", close: mode == "tcp") }
        receivers.forEach { $0.drain() }
        for client in clients {
            let label = "\(mode) [\(option)] \(client.name)"
            let (haproxy, engine) = pair.exchange(Array(client.bytes.utf8), settle: client.settle)
            XCTAssertEqual(engine.statuses, haproxy.statuses, "\(label)\nhaproxy: \(haproxy.raw)\nengine:  \(engine.raw)", file: file, line: line)
            let haproxyLine = receivers[0].next(seconds: client.logged ? 3 : 0.6)
            let engineLine = receivers[1].next(seconds: client.logged ? 3 : 0.6)
            guard client.logged else {
                XCTAssertNil(haproxyLine, "\(label): haproxy logged it", file: file, line: line)
                XCTAssertNil(engineLine, "\(label): the engine logged it", file: file, line: line)
                continue
            }
            guard let haproxyLine, let engineLine else {
                XCTFail("\(label): a line is missing\nhaproxy: \(haproxyLine ?? "none")\nengine:  \(engineLine ?? "none")", file: file, line: line)
                continue
            }
            XCTAssertEqual(HTTPLogDifferentialTests.normalized(engineLine, [4]), HTTPLogDifferentialTests.normalized(haproxyLine, [4]),
                           "\(label)\nhaproxy: \(haproxyLine)\nengine:  \(engineLine)", file: file, line: line)
            // %ac and %fc count the connections still open: give each proxy time to see this client's close.
            usleep(200_000)
        }
        await pair.shutdown()
    }
}
