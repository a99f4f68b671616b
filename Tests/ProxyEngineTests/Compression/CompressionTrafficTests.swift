import Foundation
import WeirTestSupport
import XCTest

/// Compression with real clients: curl `--compressed` on the article's
/// compression snippet, and a slow chunked response that must reach the
/// client compressed piece by piece, before the server has finished.
final class CompressionTrafficTests: XCTestCase {
    static let article = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures/article/18-compression.cfg")

    private var harness: EngineHarness!

    override func tearDown() async throws {
        await harness?.shutdown()
    }

    /// The article's snippet with its TLS bind moved to a clear loopback port, its
    /// servers to loopback backends, and a `default_backend` (the snippet has none, so it answers 503 to everything).
    func testTheArticlesSnippetCompressesForCurl() async throws {
        let curl = try XCTUnwrap(Programs.path("curl"), "curl is not installed (bash .ci/run installs it)")
        let port = Loopback.freePort(), first = Loopback.freePort(), second = Loopback.freePort()
        var text = try String(contentsOf: Self.article, encoding: .utf8)
        text = text.replacingOccurrences(of: "bind 0.0.0.0:443 ssl crt /etc/haproxy/certs/solvethenetwork.com.pem",
                                         with: "bind 127.0.0.1:\(port)\n    default_backend web_servers")
            .replacingOccurrences(of: "10.10.1.11:80 check", with: "127.0.0.1:\(first)")
            .replacingOccurrences(of: "10.10.1.12:80 check", with: "127.0.0.1:\(second)")
        XCTAssertTrue(text.contains("compression algo gzip"))
        harness = EngineHarness()
        try harness.startBackend("web01", port: first)
        try harness.startBackend("web02", port: second)
        try await harness.startEngine(text)
        XCTAssertFalse(harness.plan?.unsupported.contains { $0.feature == "compression" } ?? true)
        // backend.py answers text/plain, a listed type.
        let verbose = try ToolOutput.run(curl, ["-sS", "-v", "--compressed", "-o", "/dev/null", "http://127.0.0.1:\(port)/"])
        XCTAssertTrue(verbose.lowercased().contains("< content-encoding: gzip"), verbose)
        XCTAssertTrue(verbose.lowercased().contains("< vary: accept-encoding"), verbose)
        XCTAssertFalse(verbose.lowercased().contains("< content-length"), verbose)
        let body = try ToolOutput.run(curl, ["-sS", "--compressed", "http://127.0.0.1:\(port)/", "-H", "X-Marker: compressed-run"])
        XCTAssertTrue(body.hasPrefix("web0"), body)
        XCTAssertTrue(body.contains("x-marker: compressed-run"), body)
        XCTAssertTrue(body.contains("accept-encoding: deflate, gzip") || body.contains("accept-encoding: gzip"),
                      "without offload the server still sees Accept-Encoding: \(body)")
        let plain = try ToolOutput.run(curl, ["-sS", "-v", "-o", "/dev/null", "http://127.0.0.1:\(port)/"])
        XCTAssertFalse(plain.lowercased().contains("content-encoding"), plain)
    }

    /// A chunked response whose second half comes a second later: the first
    /// half arrives compressed (and decodable) before the server sends the rest.
    func testCompressionStreamsPieceByPiece() async throws {
        let python = try XCTUnwrap(Programs.path("python3"), "python3 is not installed")
        let backendPort = Loopback.freePort(), port = Loopback.freePort()
        let script = """
        import socket, time
        s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        s.bind(("127.0.0.1", \(backendPort))); s.listen(8)
        half = b"first half " * 5000
        while True:
            c, _ = s.accept()
            data = b""
            while b"\\r\\n\\r\\n" not in data:
                piece = c.recv(65536)
                if not piece:
                    break
                data += piece
            if not data:
                c.close()
                continue
            try:
                c.sendall(b"HTTP/1.1 200 OK\\r\\nContent-Type: text/plain\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n")
                c.sendall(b"%x\\r\\n" % len(half) + half + b"\\r\\n")
                time.sleep(1.5)
                c.sendall(b"4\\r\\ndone\\r\\n0\\r\\n\\r\\n")
            except OSError:
                pass
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
                timeout client 5s
                timeout server 5s
            listen l
                bind 127.0.0.1:\(port)
                compression algo gzip
                server s 127.0.0.1:\(backendPort)

            """)
        let request = CompressionDifferentialTests.get("/", "Accept-Encoding: gzip\r\n")
        let early = CompressedReply.exchange(port: port, Array(request.utf8), seconds: 0.8)
        let headEnd = try XCTUnwrap(RecordedRequest.find([13, 10, 13, 10], in: early, from: 0), "no head within 0.8 s")
        XCTAssertTrue(String(decoding: early[..<headEnd], as: UTF8.self).lowercased().contains("content-encoding: gzip"))
        // What came so far: whole chunks of a gzip stream flushed at a byte boundary, decodable without its end.
        let chunks = try XCTUnwrap(Self.wholeChunks(Array(early[(headEnd + 4)...])))
        XCTAssertGreaterThan(chunks.count, 0, "a compressed piece arrived before the server finished")
        XCTAssertLessThan(chunks.count, 5000, "the first half is compressed")
        let inflated = try CompressedReply.run("python3", ["-c", "import sys,zlib\nd=zlib.decompressobj(31)\nsys.stdout.buffer.write(d.decompress(sys.stdin.buffer.read()))"],
                                              input: chunks)
        XCTAssertEqual(String(decoding: inflated, as: UTF8.self), String(repeating: "first half ", count: 5000))
        let whole = try CompressedReply.fetch(port: port, request)
        XCTAssertEqual(String(decoding: whole.body, as: UTF8.self), String(repeating: "first half ", count: 5000) + "done")
    }

    /// The payload of the complete chunks at the start of `bytes`.
    static func wholeChunks(_ bytes: [UInt8]) -> [UInt8]? {
        var body: [UInt8] = [], cursor = 0
        while let lineEnd = RecordedRequest.find([13, 10], in: bytes, from: cursor),
              let size = Int(String(decoding: bytes[cursor..<lineEnd], as: UTF8.self), radix: 16), size > 0,
              bytes.count >= lineEnd + 2 + size + 2 {
            body += bytes[(lineEnd + 2)..<(lineEnd + 2 + size)]
            cursor = lineEnd + 2 + size + 2
        }
        return body
    }
}
