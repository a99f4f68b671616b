import NIOCore
@testable import ProxyEngine
import RuntimePlan
import XCTest

/// The compression decisions as tables, without sockets (the differential
/// tests check the same rules against the real haproxy), and the deflate
/// stream decoded by the real `gzip -d`.
final class CompressionPolicyTests: XCTestCase {
    func testAcceptEncodingPicksTheFirstItemWithTheHighestQ() throws {
        let policy = try XCTUnwrap(CompressionPolicy(frontend: CompressionPlan(algorithms: [.deflate, .gzip]), backend: nil))
        let table: [([String], CompressionAlgorithm?)] = [
            (["gzip", "deflate"], .gzip),
            (["deflate", "gzip"], .deflate),
            (["gzip;q=0.5", "deflate;q=0.8"], .deflate),
            (["gzip;q=1.0", "deflate;q=1"], .gzip),
            (["gzip; q=0", "br"], nil),
            (["*"], .deflate),
            (["br", "*;q=0.1"], .deflate),
            (["GZip"], .gzip),
            (["identity"], nil),
            ([], nil),
        ]
        for (items, expected) in table {
            XCTAssertEqual(policy.algorithm(acceptEncoding: items, userAgent: nil), expected, "\(items)")
        }
    }

    func testIdentityAnswersWhatNothingElseMatches() throws {
        let policy = try XCTUnwrap(CompressionPolicy(frontend: CompressionPlan(algorithms: [.identity, .gzip]), backend: nil))
        XCTAssertEqual(policy.algorithm(acceptEncoding: ["br"], userAgent: nil), .identity)
        XCTAssertNil(policy.negotiated(["br"]))
        XCTAssertEqual(policy.algorithm(acceptEncoding: ["gzip"], userAgent: nil), .gzip)
    }

    func testOldBrowsersAreNotCompressed() throws {
        let policy = try XCTUnwrap(CompressionPolicy(frontend: CompressionPlan(algorithms: [.gzip]), backend: nil))
        let agents: [(String, Bool)] = [
            ("Mozilla/4.0 (compatible; MSIE 5.5; Windows 98)", false),
            ("Mozilla/4.0 (compatible; MSIE 6.0; Windows NT 5.1)", false),
            ("Mozilla/4.0 (compatible; MSIE 6.0; Windows NT 5.1; SV1)", true),
            ("Mozilla/4.0 (compatible; MSIE 7.0; Windows NT 6.0)", true),
            ("Mozilla/4.08 [en]", false),
            ("Mozilla/5.0 (X11; Linux x86_64)", true),
            ("curl/8.0", true),
        ]
        for (agent, compressed) in agents {
            XCTAssertEqual(policy.algorithm(acceptEncoding: ["gzip"], userAgent: agent) != nil, compressed, agent)
        }
    }

    func testTheBackendsSettingsWinAndOffloadCountsOnEitherSide() throws {
        let policy = try XCTUnwrap(CompressionPolicy(frontend: CompressionPlan(algorithms: [.gzip], types: ["text/"], offload: true),
                                                     backend: CompressionPlan(algorithms: [.deflate])))
        XCTAssertEqual(policy.algorithms, [.deflate])
        XCTAssertEqual(policy.types, ["text/"], "the backend lists no type: the frontend's apply")
        XCTAssertTrue(policy.offload)
        XCTAssertNil(CompressionPolicy(frontend: nil, backend: nil))
    }

    func testResponsesThatAreNotCompressed() throws {
        let policy = try XCTUnwrap(CompressionPolicy(frontend: CompressionPlan(algorithms: [.gzip], types: ["text/html", "application/json"]),
                                                     backend: nil))
        let base = CompressionResponseFacts(status: 200, isHTTP11: true, requestIsHTTP11: true, requestIsHead: false,
                                            hasDelimitedBody: true, hasContentEncoding: false, cacheControl: [], etags: [],
                                            contentType: "application/json")
        XCTAssertTrue(policy.compresses(base))
        let refused: [(String, (inout CompressionResponseFacts) -> Void)] = [
            ("HTTP/1.0 response", { $0.isHTTP11 = false }), ("HTTP/1.0 request", { $0.requestIsHTTP11 = false }),
            ("HEAD", { $0.requestIsHead = true }), ("204", { $0.status = 204 }), ("206", { $0.status = 206 }),
            ("no body", { $0.hasDelimitedBody = false }), ("encoded", { $0.hasContentEncoding = true }),
            ("no-transform", { $0.cacheControl = ["public", "NO-TRANSFORM"] }), ("two ETags", { $0.etags = ["\"a\"", "\"b\""] }),
            ("bad ETag", { $0.etags = ["abc"] }), ("type", { $0.contentType = "image/png" }), ("no type", { $0.contentType = nil }),
            ("multipart", { $0.contentType = "multipart/mixed" }),
        ]
        for (name, change) in refused {
            var facts = base
            change(&facts)
            XCTAssertFalse(policy.compresses(facts), name)
        }
        var facts = base
        facts.contentType = "TEXT/HTML; charset=utf-8"
        facts.etags = ["W/\"x\""]
        facts.status = 203
        XCTAssertTrue(policy.compresses(facts))
    }

    func testEachGzipChunkDecodesAsItComesAndTheWholeWithGzip() throws {
        let compressor = ResponseCompressor(.gzip)
        let text = String(repeating: "weir compresses this line\n", count: 2000)
        var sent = ByteBuffer()
        for piece in stride(from: 0, to: text.utf8.count, by: 7000) {
            let slice = Array(text.utf8)[piece..<min(piece + 7000, text.utf8.count)]
            var chunk = try XCTUnwrap(compressor.chunk(ByteBuffer(bytes: slice)))
            sent.writeBuffer(&chunk)
        }
        var end = compressor.end()
        sent.writeBuffer(&end)
        XCTAssertTrue(compressor.finished)
        let bytes = Array(sent.readableBytesView)
        XCTAssertTrue(bytes.suffix(5).elementsEqual("0\r\n\r\n".utf8))
        let body = try CompressedReply.dechunk(bytes)
        XCTAssertLessThan(body.count, text.utf8.count / 10)
        XCTAssertEqual(String(decoding: try CompressedReply.run("gzip", ["-d", "-c"], input: body), as: UTF8.self), text)
    }

    func testIdentityRechunksThePayloadAndKeepsTheServersTrailers() throws {
        let compressor = ResponseCompressor(.identity)
        var out = try XCTUnwrap(compressor.chunk(ByteBuffer(string: "hello")))
        var end = compressor.end(lastChunk: ByteBuffer(string: "0\r\nX-T: 1\r\n\r\n"))
        out.writeBuffer(&end)
        XCTAssertEqual(String(buffer: out), "5\r\nhello\r\n0\r\nX-T: 1\r\n\r\n")
    }
}
