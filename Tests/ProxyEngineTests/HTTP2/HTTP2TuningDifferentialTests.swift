import Foundation
import WeirTestSupport
import XCTest

/// `tune.h2.*`, `bind … proto h1|h2` and server keep-alive under HTTP/2,
/// each compared with the real haproxy 2.6 on the same configuration:
/// the SETTINGS both announce (read by nghttp), the streams a connection may
/// open (raw frames), what a bind forcing a protocol does with the other one,
/// and how many server connections a run of HTTP/2 requests opens.
final class HTTP2TuningDifferentialTests: XCTestCase {
    static func config(global: String = "", bind: String = "") -> (Int, String) -> String {
        { port, server in
            """
            global
            \(global)
            defaults
                mode http
                timeout connect 1s
                timeout client 5s
                timeout server 5s
            frontend f
                bind 127.0.0.1:\(port) \(bind)
                default_backend b
            backend b
                server s \(server)

            """
        }
    }

    /// The four settings `tune.h2.*` governs, as nghttp printed them from the proxy's first SETTINGS frame.
    static func tunedSettings(_ nghttp: String) -> [String] {
        let names = ["HEADER_TABLE_SIZE", "INITIAL_WINDOW_SIZE", "MAX_CONCURRENT_STREAMS", "MAX_FRAME_SIZE"]
        var lines = nghttp.components(separatedBy: "\n").drop { !$0.contains("recv SETTINGS frame") }.dropFirst()
        lines = lines.prefix { !$0.hasPrefix("[") }
        return lines.map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { line in names.contains { line.hasPrefix("[SETTINGS_\($0)(") } }.sorted()
    }

    func testSettingsAnnouncedMatchHAProxy() async throws {
        let nghttp = try XCTUnwrap(Programs.path("nghttp"), "nghttp is not installed (bash .ci/run installs nghttp2-client)")
        let tuned = """
                tune.bufsize 32768
                tune.h2.header-table-size 8192
                tune.h2.initial-window-size 1048576
                tune.h2.max-concurrent-streams 7
                tune.h2.max-frame-size 24576
            """
        for global in ["", tuned, "    tune.h2.max-concurrent-streams 0\n    tune.h2.max-frame-size 65536"] {
            let pair = try await ProxyPair(Self.config(global: global)) { _ in .ok }
            var announced: [[String]] = []
            for port in [pair.haproxyPort, pair.enginePort] {
                let output = try ToolOutput.run(nghttp, ["-nv", "http://127.0.0.1:\(port)/"])
                // haproxy 2.6.12 refuses every stream under `max-concurrent-streams 0` (its documentation
                // says 0 is no limit, its check is `streams >= limit`); the engine does what the documentation says.
                if port == pair.enginePort || !global.contains("streams 0") {
                    XCTAssertTrue(output.contains(":status: 200"), output)
                } else {
                    XCTAssertTrue(output.contains("REFUSED_STREAM"), output)
                }
                announced.append(Self.tunedSettings(output))
            }
            await pair.shutdown()
            XCTAssertEqual(announced[1], announced[0], "global:\n\(global)")
            if global == tuned {
                XCTAssertEqual(announced[1], ["[SETTINGS_HEADER_TABLE_SIZE(0x01):8192]", "[SETTINGS_INITIAL_WINDOW_SIZE(0x04):1048576]",
                                              "[SETTINGS_MAX_CONCURRENT_STREAMS(0x03):7]", "[SETTINGS_MAX_FRAME_SIZE(0x05):24576]"])
            }
        }
    }

    /// With `tune.h2.max-concurrent-streams 2`, a client that opens three streams at once once it has
    /// acknowledged the limit has the first two answered and the third refused: haproxy resets that stream
    /// (RST_STREAM REFUSED_STREAM), swift-nio-http2 ends the connection (GOAWAY PROTOCOL_ERROR, the two
    /// streams still answered), which RFC 9113 §5.1.2 also allows.
    func testStreamsBeyondTheLimitAreRefusedAsHAProxyRefusesThem() async throws {
        let python = try XCTUnwrap(Programs.path("python3"), "python3 is not installed")
        let pair = try await ProxyPair(Self.config(global: "    tune.h2.max-concurrent-streams 2")) { _ in
            usleep(300_000)
            return .ok
        }
        var seen: [String] = []
        for port in [pair.haproxyPort, pair.enginePort] {
            seen.append(try ToolOutput.run(python, ["-c", Self.threeStreams, String(port)]).trimmingCharacters(in: .whitespacesAndNewlines))
        }
        await pair.shutdown()
        XCTAssertEqual(seen[0], "HEADERS 1, HEADERS 3, RST_STREAM 5 code 7")
        XCTAssertEqual(seen[1], "GOAWAY code 1, HEADERS 1, HEADERS 3")
    }

    /// A raw HTTP/2 client: the preface, SETTINGS, the ACK of the proxy's SETTINGS once read, then three
    /// requests at once; prints the responses' HEADERS and the resets, sorted.
    static let threeStreams = #"""
    import socket, struct, sys, time
    def frame(kind, flags, stream, payload):
        return struct.pack(">I", len(payload))[1:] + bytes([kind, flags]) + struct.pack(">I", stream) + payload
    def literal(name, value):
        return bytes([0, len(name)]) + name.encode() + bytes([len(value)]) + value.encode()
    def frames(data):
        found, i = [], 0
        while i + 9 <= len(data):
            length = int.from_bytes(data[i:i + 3], "big")
            if i + 9 + length > len(data): break
            found.append((data[i + 3], data[i + 4], int.from_bytes(data[i + 5:i + 9], "big") & 0x7fffffff, data[i + 9:i + 9 + length]))
            i += 9 + length
        return found, data[i:]
    s = socket.create_connection(("127.0.0.1", int(sys.argv[1])))
    s.settimeout(0.2)
    s.sendall(b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n" + frame(4, 0, 0, b""))
    pending, events, acked, deadline = b"", [], False, time.time() + 4
    while time.time() < deadline:
        try:
            data = s.recv(65536)
        except socket.timeout:
            data = None
        if data == b"": break
        pending += data or b""
        parsed, pending = frames(pending)
        for kind, flags, stream, payload in parsed:
            if kind == 4 and not flags & 1 and not acked:
                acked = True
                requests = b"".join(frame(1, 5, n, literal(":method", "GET") + literal(":scheme", "http")
                                          + literal(":path", "/s%d" % n) + literal(":authority", "a.test")) for n in (1, 3, 5))
                s.sendall(frame(4, 1, 0, b"") + requests)
            elif kind == 1: events.append("HEADERS %d" % stream)
            elif kind == 3: events.append("RST_STREAM %d code %d" % (stream, int.from_bytes(payload, "big")))
            elif kind == 7: events.append("GOAWAY code %d" % int.from_bytes(payload[4:8], "big"))
        if len(events) >= 3: break
    print(", ".join(sorted(events)))
    """#

    /// `proto h2`: HTTP/2 by prior knowledge is served, an HTTP/1.1 request is closed without an answer.
    func testProtoH2BindSpeaksOnlyHTTP2() async throws {
        let curl = try XCTUnwrap(Programs.path("curl"), "curl is not installed (bash .ci/run installs it)")
        let pair = try await ProxyPair(Self.config(bind: "proto h2")) { _ in .ok }
        for port in [pair.haproxyPort, pair.enginePort] {
            let h2 = try ToolOutput.run(curl, ["-sS", "--http2-prior-knowledge", "-o", "/dev/null", "-w", "%{http_version} %{http_code}",
                                               "http://127.0.0.1:\(port)/"])
            XCTAssertEqual(h2, "2 200", "port \(port)")
        }
        _ = (pair.haproxyBackend.takeRequests(), pair.engineBackend.takeRequests())
        let http1 = pair.exchange(Array("GET / HTTP/1.1\r\nHost: a.test\r\n\r\n".utf8))
        await pair.shutdown()
        XCTAssertEqual(http1.haproxy.raw, "")
        XCTAssertTrue(http1.haproxy.closed)
        XCTAssertEqual(http1.engine, http1.haproxy, http1.engine.raw)
        XCTAssertEqual(http1.engine.raw, "")
    }

    /// `proto h1`: the HTTP/2 preface is not followed (400, as an invalid HTTP/1 request); HTTP/1.1 works.
    func testProtoH1BindDoesNotBecomeHTTP2() async throws {
        let pair = try await ProxyPair(Self.config(bind: "proto h1")) { _ in .ok }
        let preface = pair.exchange(Array("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".utf8))
        let http1 = pair.exchange(Array("GET / HTTP/1.1\r\nHost: a.test\r\n\r\n".utf8))
        await pair.shutdown()
        XCTAssertEqual(preface.haproxy.statuses, [400])
        XCTAssertEqual(preface.engine, preface.haproxy, preface.engine.raw)
        XCTAssertEqual(http1.haproxy.statuses, [200])
        XCTAssertEqual(http1.engine, http1.haproxy, http1.engine.raw)
    }

    /// Forty HTTP/2 requests, one after the other on one connection, reuse the server's keep-alive
    /// connection, as haproxy does (each stream used to close its server connection).
    func testStreamsReuseServerConnections() async throws {
        let h2load = try XCTUnwrap(Programs.path("h2load"), "h2load is not installed (bash .ci/run installs nghttp2-client)")
        let pair = try await ProxyPair(Self.config()) { _ in .ok }
        for port in [pair.haproxyPort, pair.enginePort] {
            let report = try ToolOutput.run(h2load, ["-n", "40", "-c", "1", "-m", "1", "-T", "20", "http://127.0.0.1:\(port)/"])
            XCTAssertTrue(report.contains("40 succeeded"), report)
        }
        let accepted = (pair.haproxyBackend.acceptedConnections, pair.engineBackend.acceptedConnections)
        await pair.shutdown()
        XCTAssertEqual(accepted.0, 1)
        XCTAssertEqual(accepted.1, accepted.0)
    }
}
