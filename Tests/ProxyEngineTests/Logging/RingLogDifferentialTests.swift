import Foundation
import WeirTestSupport
import XCTest

/// `log ring@NAME` with `ring` sections through the real haproxy 2.6 and the
/// engine, read back with the runtime API's `show events`: the list of
/// sinks, and each ring's messages with its own header format and `maxlen`
/// (`rfc3164` with HAProxy's `localhost` host name; the default `raw` cut to
/// 30 bytes) must agree, dates and pids aside, and so must what a session
/// at level user is shown and HAProxy's messages for an unknown sink or option.
final class RingLogDifferentialTests: XCTestCase {
    func testRingEventsAgreeWithHAProxy() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("weir-ring-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let sockets = [directory.appendingPathComponent("haproxy.sock").path, directory.appendingPathComponent("engine.sock").path]
        let calls = NSLockedBox(0)
        let pair = try await ProxyPair({ port, server in
            var socket = ""
            calls.mutate { count in
                socket = sockets[min(count, 1)]
                count += 1
            }
            return """
                global
                    log ring@events local0
                    log ring@short local0 info
                    stats socket \(socket) level admin
                    stats socket \(socket).user level user
                ring events
                    description "traffic events"
                    format rfc3164
                    maxlen 200
                    size 32768
                ring short
                    maxlen 30
                defaults
                    mode http
                    log global
                    # Not the listener probe of ProxyPair.
                    option dontlognull
                    log-format "%ci %ft %b/%s %ST %B %{+Q}r"
                    timeout connect 1s
                    timeout client 5s
                    timeout server 5s
                frontend fe
                    bind 127.0.0.1:\(port)
                    default_backend app
                backend app
                    server app01 \(server)

                """
        }) { _ in .init("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok") }
        XCTAssertTrue(CLIClient.waitForSocket(sockets[0]), "haproxy's runtime socket did not open")
        for path in ["/first", "/second/with/a/longer/path"] {
            let (haproxy, engine) = pair.exchange(Array("GET \(path) HTTP/1.1\r\nHost: example.test\r\nConnection: close\r\n\r\n".utf8))
            XCTAssertEqual(engine.statuses, haproxy.statuses, path)
        }
        usleep(200_000)
        for command in ["show events", "show events events", "show events short", "show events events -n",
                        "show events buf0", "show events nowhere", "show events stdout", "show events short -x"] {
            let haproxy = CLIClient.send(path: sockets[0], command), engine = CLIClient.send(path: sockets[1], command)
            XCTAssertEqual(Self.normalized(engine), Self.normalized(haproxy), "\(command)\nhaproxy: \(haproxy)\nengine:  \(engine)")
            if command == "show events" || command == "show events events" {
                // The list is the user level's too; a ring's messages are the operator's.
                let user = (CLIClient.send(path: sockets[0] + ".user", command), CLIClient.send(path: sockets[1] + ".user", command))
                XCTAssertFalse(user.0.isEmpty, "haproxy's user-level socket answered nothing")
                XCTAssertEqual(Self.normalized(user.1), Self.normalized(user.0), "\(command) at level user")
            }
            if command == "show events events" {
                XCTAssertEqual(haproxy.components(separatedBy: "\n").filter { $0.contains("localhost haproxy[") }.count, 2, haproxy)
            }
        }
        await pair.shutdown()
    }

    /// 250 lines of 79 bytes through a ring of 16384 bytes: both keep the same last ones (202, each taking two bytes
    /// of framing besides its own).
    func testAFullRingKeepsTheSameLastMessagesAsHAProxy() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("weir-ring-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let sockets = [directory.appendingPathComponent("haproxy.sock").path, directory.appendingPathComponent("engine.sock").path]
        let calls = NSLockedBox(0)
        let pair = try await ProxyPair({ port, server in
            var socket = ""
            calls.mutate { count in
                socket = sockets[min(count, 1)]
                count += 1
            }
            return """
                global
                    log ring@full local0
                    stats socket \(socket) level admin
                ring full
                    size 16384
                defaults
                    mode http
                    log global
                    option dontlognull
                    log-format "%ci %ft %b/%s %ST %{+Q}r"
                    timeout connect 1s
                    timeout client 5s
                    timeout server 5s
                frontend fe
                    bind 127.0.0.1:\(port)
                    default_backend app
                backend app
                    server app01 \(server)

                """
        }) { _ in .init("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok") }
        XCTAssertTrue(CLIClient.waitForSocket(sockets[0]), "haproxy's runtime socket did not open")
        for index in 0..<250 {
            let request = String(format: "GET /request/%04d/padding-padding-padding HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", index)
            _ = pair.exchange(Array(request.utf8), settle: 0.05)
        }
        usleep(200_000)
        let haproxy = CLIClient.send(path: sockets[0], "show events full"), engine = CLIClient.send(path: sockets[1], "show events full")
        await pair.shutdown()
        let kept = haproxy.split(separator: "\n")
        XCTAssertEqual(kept.count, 202, "haproxy kept \(kept.count): \(kept.first ?? "")")
        XCTAssertEqual(engine, haproxy)
    }

    /// The output without syslog dates and pids.
    static func normalized(_ text: String) -> String {
        text.replacingOccurrences(of: #"[A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d"#, with: "DATE", options: .regularExpression)
            .replacingOccurrences(of: #"\[\d+\]"#, with: "[PID]", options: .regularExpression)
    }
}
