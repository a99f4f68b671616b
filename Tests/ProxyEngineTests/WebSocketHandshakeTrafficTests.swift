import Foundation
import WeirTestSupport
import XCTest

/// WebSocket handshakes through the engine and through the real haproxy on
/// the same configuration: a request without its key gets 400, a `101`
/// without `Sec-WebSocket-Accept` gets 502, and a valid handshake becomes a
/// tunnel even in a backend
/// with `option http-server-close` (the ground for reporting
/// `websocket-http-server-close` as a note).
final class WebSocketHandshakeTrafficTests: XCTestCase {
    static let key = "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"

    static func handshake(_ target: String, key: Bool = true) -> String {
        "GET \(target) HTTP/1.1\r\nHost: a\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n" + (key ? Self.key : "") + "\r\n"
    }

    /// Runs haproxy and the engine on the same configuration (`PORT` and
    /// `SERVER` stand for each one's listening port and the backend's), then
    /// hands both ports to the body.
    func withBoth(_ sections: String, _ body: ([Int]) throws -> Void) async throws {
        let haproxy = try XCTUnwrap(Programs.path("haproxy"), "haproxy is not installed (bash .ci/run installs it)")
        let backendPort = Loopback.freePort(), haproxyPort = Loopback.freePort(), enginePort = Loopback.freePort()
        func config(_ port: Int) -> String {
            """
            defaults
                mode http
                timeout connect 1s
                timeout client 5s
                timeout server 5s
                timeout tunnel 5s

            """ + sections.replacingOccurrences(of: "PORT", with: String(port))
                .replacingOccurrences(of: "SERVER", with: "127.0.0.1:\(backendPort)")
        }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("weir-websocket-\(UUID().uuidString).cfg")
        try config(haproxyPort).write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let harness = EngineHarness()
        try harness.startBackend("a", port: backendPort)
        let reference = try BackgroundProcess(haproxy, ["-db", "-f", file.path])
        defer { reference.stop() }
        try await harness.startEngine(config(enginePort))
        XCTAssertTrue(Loopback.waitForListener(port: haproxyPort), reference.output)
        try body([haproxyPort, enginePort])
        await harness.shutdown()
    }

    static let plain = """
        frontend f
            bind 127.0.0.1:PORT
            default_backend ws
        backend ws
            server s1 SERVER

        """

    func testHandshakesWithoutTheirKeysGetHAProxysAnswers() async throws {
        try await withBoth(Self.plain) { ports in
            let (haproxy, engine) = (ports[0], ports[1])
            for request in [Self.handshake("/echo", key: false), Self.handshake("/echo?accept=no")] {
                let expected = ErrorPageTrafficTests.firstResponse(port: haproxy, request)
                XCTAssertTrue(expected.hasPrefix("HTTP/1.1 400") || expected.hasPrefix("HTTP/1.1 502"), expected)
                XCTAssertEqual(ErrorPageTrafficTests.firstResponse(port: engine, request), expected, request)
            }
        }
    }

    func testAnUpgradeIsTunnelledDespiteHTTPServerClose() async throws {
        let sections = """
            frontend f
                bind 127.0.0.1:PORT
                acl is_ws hdr(Upgrade) -i WebSocket
                use_backend ws if is_ws
                default_backend ws
            backend ws
                option http-server-close
                server s1 SERVER

            """
        try await withBoth(sections) { ports in
            for port in ports { try assertTunnel(port: port, Self.handshake("/echo")) }
        }
    }

    /// A client that shuts its write side in a tunnel still gets what the server sends after seeing
    /// that end (the half-close is passed on, not turned into a close), as through haproxy.
    func testAClientThatHalfClosesATunnelStillGetsTheServersAnswer() async throws {
        try await withBoth(Self.plain) { ports in
            var answers: [String] = []
            for port in ports {
                let fd = try XCTUnwrap(Loopback.connect(port: port))
                defer { close(fd) }
                Loopback.send(fd, Self.handshake("/echo"))
                XCTAssertTrue(Loopback.readUntil(fd, "\r\n\r\n", seconds: 3).hasPrefix("HTTP/1.1 101"), "port \(port)")
                Loopback.send(fd, "last")
                shutdown(fd, Int32(SHUT_WR))
                answers.append(Loopback.readAll(fd, seconds: 3))
            }
            XCTAssertEqual(answers, ["a:last", "a:last"], "haproxy, engine")
        }
    }

    /// A client that shuts its write side right after its handshake, before the `101`: once the
    /// tunnel opens, the server sees that end at once (it closes, and so does the client connection),
    /// as through haproxy, instead of waiting for `timeout tunnel`.
    func testAHalfCloseBeforeTheSwitchReachesTheServerOnceTheTunnelOpens() async throws {
        try await withBoth(Self.plain) { ports in
            for port in ports {
                let fd = try XCTUnwrap(Loopback.connect(port: port))
                defer { close(fd) }
                let start = Date()
                Loopback.send(fd, Self.handshake("/echo"))
                shutdown(fd, Int32(SHUT_WR))
                XCTAssertTrue(Loopback.readAll(fd, seconds: 4).hasPrefix("HTTP/1.1 101"), "port \(port)")
                XCTAssertLessThan(Date().timeIntervalSince(start), 2, "port \(port): closed long before timeout tunnel (5 s)")
            }
        }
    }

    /// `timeout server-fin` in a tunnel: once the client's end is passed on to the server (its write
    /// side shut) and the server stays silent, the server side's limit is `server-fin` (1 s) instead of
    /// `timeout tunnel` (5 s), as in haproxy 2.6.
    func testServerFinEndsAHalfClosedTunnelAsHAProxy() async throws {
        let sections = Self.plain.replacingOccurrences(of: "backend ws\n", with: "backend ws\n    timeout server-fin 1s\n")
        XCTAssertTrue(sections.contains("server-fin"))
        try await withBoth(sections) { ports in
            for port in ports {
                let fd = try XCTUnwrap(Loopback.connect(port: port))
                defer { close(fd) }
                Loopback.send(fd, Self.handshake("/echo?hold=1"))
                XCTAssertTrue(Loopback.readUntil(fd, "\r\n\r\n", seconds: 3).hasPrefix("HTTP/1.1 101"), "port \(port)")
                shutdown(fd, Int32(SHUT_WR))
                let start = Date()
                _ = Loopback.readAll(fd, seconds: 6)
                let lifetime = Date().timeIntervalSince(start)
                XCTAssertTrue((0.7...2.2).contains(lifetime), "port \(port): the tunnel ended after \(lifetime) s")
            }
        }
    }

    private func assertTunnel(port: Int, _ request: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let fd = try XCTUnwrap(Loopback.connect(port: port), file: file, line: line)
        defer { close(fd) }
        Loopback.send(fd, request)
        let head = Loopback.readUntil(fd, "\r\n\r\n", seconds: 3)
        XCTAssertTrue(head.hasPrefix("HTTP/1.1 101"), "port \(port): \(head)", file: file, line: line)
        for message in ["ping", "pong"] {
            Loopback.send(fd, message)
            XCTAssertEqual(Loopback.readUntil(fd, message, seconds: 3), "a:" + message, "port \(port)", file: file, line: line)
        }
    }
}
