import Foundation
import WeirTestSupport
import XCTest
#if canImport(Glibc)
import Glibc
#endif

/// HTTP/2 by prior knowledge on a clear bind, with real clients: curl
/// `--http2-prior-knowledge` and h2load from nghttp2-client, and raw frames
/// for a stream reset. Each stream is an ordinary transaction: the same
/// routing, the same HTTP/1.1 servers, the same compression.
final class HTTP2TrafficTests: XCTestCase {
    private var harness: EngineHarness!

    override func tearDown() async throws {
        await harness?.shutdown()
    }

    private func start(web: Int, api: Int, port: Int) async throws {
        harness = EngineHarness()
        try harness.startBackend("web1", port: web)
        try harness.startBackend("api1", port: api)
        try await harness.startEngine("""
            defaults
                mode http
                timeout connect 1s
                timeout client 5s
                timeout server 5s
            frontend f
                bind 127.0.0.1:\(port)
                acl is_api path_beg /api/
                http-request set-header X-Via-Rules yes
                use_backend api if is_api
                default_backend web
            backend web
                compression algo gzip
                server s 127.0.0.1:\(web)
            backend api
                # The Python test server's accept queue holds 5: the engine queues the streams beyond 4.
                timeout queue 10s
                server s 127.0.0.1:\(api) maxconn 4

            """)
    }

    func testCurlWithPriorKnowledgeIsRoutedLikeHTTP1() async throws {
        let curl = try XCTUnwrap(Programs.path("curl"), "curl is not installed (bash .ci/run installs it)")
        let port = Loopback.freePort(), web = Loopback.freePort(), api = Loopback.freePort()
        try await start(web: web, api: api, port: port)
        let url = "http://127.0.0.1:\(port)"
        let page = try ToolOutput.run(curl, ["-sS", "--http2-prior-knowledge", "-w", "\nversion=%{http_version} status=%{http_code}", url + "/index"])
        XCTAssertTrue(page.hasPrefix("web1"), page)
        XCTAssertTrue(page.contains("version=2 status=200"), page)
        XCTAssertTrue(page.contains("x-via-rules: yes"), "the frontend's rules ran: \(page)")
        XCTAssertTrue(page.contains("host: 127.0.0.1:\(port)"), ":authority becomes Host: \(page)")
        let api1 = try ToolOutput.run(curl, ["-sS", "--http2-prior-knowledge", "--data-binary", "hello over h2", url + "/api/items"])
        XCTAssertTrue(api1.hasPrefix("api1"), api1)
        XCTAssertTrue(api1.contains("body: hello over h2"), "the request body reached the server: \(api1)")
        let compressed = try ToolOutput.run(curl, ["-sS", "-v", "--http2-prior-knowledge", "--compressed", "-o", "/dev/null", url + "/index"])
        XCTAssertTrue(compressed.lowercased().contains("< content-encoding: gzip"), compressed)
        let http1 = try ToolOutput.run(curl, ["-sS", "-w", "\nversion=%{http_version}", url + "/api/x"])
        XCTAssertTrue(http1.hasPrefix("api1") && http1.contains("version=1.1"), "HTTP/1.1 still works on the bind: \(http1)")
    }

    /// h2load (Debian's nghttp2-client): 4 connections, 10 streams at once each, a bounded request count.
    func testH2LoadRequestsAllSucceed() async throws {
        let h2load = try XCTUnwrap(Programs.path("h2load"), "h2load is not installed (bash .ci/run installs nghttp2-client)")
        let port = Loopback.freePort(), web = Loopback.freePort(), api = Loopback.freePort()
        try await start(web: web, api: api, port: port)
        let report = try ToolOutput.run(h2load, ["-n", "400", "-c", "4", "-m", "10", "-T", "20", "http://127.0.0.1:\(port)/api/load"])
        XCTAssertTrue(report.contains("400 total") && report.contains("400 succeeded"), report)
        XCTAssertTrue(report.contains("400 2xx"), report)
    }

    /// A client's RST_STREAM while the server is still working closes the server connection.
    func testAStreamResetCancelsTheServerRequest() async throws {
        let python = try XCTUnwrap(Programs.path("python3"), "python3 is not installed")
        let backendPort = Loopback.freePort(), port = Loopback.freePort()
        let script = """
        import socket, sys
        s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        s.bind(("127.0.0.1", \(backendPort))); s.listen(8)
        while True:
            c, _ = s.accept()
            data = c.recv(65536)
            if not data:
                c.close(); continue
            print("request", flush=True)
            while c.recv(65536):
                pass
            print("closed by the proxy", flush=True)
            c.close()
        """
        let backend = try BackgroundProcess(python, ["-c", script])
        defer { backend.stop(signal: SIGKILL) }
        XCTAssertTrue(Loopback.waitForListener(port: backendPort), backend.output)
        harness = EngineHarness()
        try await harness.startEngine("""
            defaults
                mode http
                timeout connect 1s
                timeout client 10s
                timeout server 10s
            listen l
                bind 127.0.0.1:\(port)
                server s 127.0.0.1:\(backendPort)

            """)
        let fd = try XCTUnwrap(Loopback.connect(port: port))
        defer { close(fd) }
        var bytes = Array("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".utf8)
        bytes += Self.frame(type: 4, flags: 0, stream: 0, payload: [])  // SETTINGS
        let block = Self.literal(":method", "GET") + Self.literal(":scheme", "http") + Self.literal(":path", "/slow")
            + Self.literal(":authority", "a.example")
        bytes += Self.frame(type: 1, flags: 0x5, stream: 1, payload: block)  // HEADERS, END_STREAM|END_HEADERS
        _ = bytes.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        XCTAssertTrue(backend.waitForOutput("request", seconds: 5), "the request reached the server: \(backend.output)")
        XCTAssertFalse(backend.output.contains("closed"))
        let reset = Self.frame(type: 3, flags: 0, stream: 1, payload: [0, 0, 0, 8])  // RST_STREAM CANCEL
        _ = reset.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        XCTAssertTrue(backend.waitForOutput("closed by the proxy", seconds: 3), "the reset reached the server: \(backend.output)")
    }

    static func frame(type: UInt8, flags: UInt8, stream: UInt32, payload: [UInt8]) -> [UInt8] {
        let length = payload.count
        return [UInt8(length >> 16 & 0xFF), UInt8(length >> 8 & 0xFF), UInt8(length & 0xFF), type, flags,
                UInt8(stream >> 24 & 0x7F), UInt8(stream >> 16 & 0xFF), UInt8(stream >> 8 & 0xFF), UInt8(stream & 0xFF)] + payload
    }

    /// An HPACK literal header field without indexing, with a literal name (RFC 7541 §6.2.2), short strings only.
    static func literal(_ name: String, _ value: String) -> [UInt8] {
        [0x00, UInt8(name.utf8.count)] + Array(name.utf8) + [UInt8(value.utf8.count)] + Array(value.utf8)
    }
}
