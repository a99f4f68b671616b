import NIOCore
@testable import ProxyEngine
import XCTest

/// The body framer as a table: what it forwards for each framing, fed whole
/// and one byte at a time, and the chunk syntax HAProxy refuses.
final class H1BodyFramerTests: XCTestCase {
    /// Runs the framer over the pieces; returns what it forwarded, whether it ended, and the bytes left after the body.
    private func run(_ kind: H1BodyKind, _ pieces: [String]) throws -> (forwarded: String, ended: Bool, rest: String) {
        var framer = H1BodyFramer(kind)
        var input = ByteBuffer()
        var forwarded = ""
        for piece in pieces {
            input.writeString(piece)
            loop: while true {
                switch try framer.next(&input) {
                case .forward(let bytes): forwarded += String(buffer: bytes)
                case .needMore: break loop
                case .end: return (forwarded, true, String(buffer: input))
                }
            }
        }
        return (forwarded, false, String(buffer: input))
    }

    private func bytewise(_ text: String) -> [String] { text.map { String($0) } }

    func testLengthStopsAtTheLengthAndLeavesTheNextRequest() throws {
        for pieces in [["helloGET /"], bytewise("helloGET /")] {
            let result = try run(.length(5), pieces)
            XCTAssertEqual(result.forwarded, "hello")
            XCTAssertTrue(result.ended)
        }
    }

    func testChunkedBodiesPassThroughUnchanged() throws {
        let body = "5\r\nhello\r\n0\r\n\r\n"
        for pieces in [[body + "NEXT"], bytewise(body)] {
            let result = try run(.chunked, pieces)
            XCTAssertEqual(result.forwarded, body)
            XCTAssertTrue(result.ended)
        }
        XCTAssertEqual(try run(.chunked, [body + "NEXT"]).rest, "NEXT")
    }

    func testExtensionsAndBareLineFeedsAreNormalised() throws {
        let result = try run(.chunked, ["5;name=value \r\nhello\n0;x\r\nTrailer: t\n\r\n"])
        XCTAssertEqual(result.forwarded, "5\r\nhello\r\n0\r\nTrailer: t\r\n\r\n")
        XCTAssertTrue(result.ended)
    }

    func testChunkSyntaxHAProxyRefuses() {
        for body in ["zz\r\n", "ffffffffffffffffff\r\n", "\r\n", "5\r\nhelloX\r\n", "5 x\r\n", "5\rx\n", "0\r\nbad trailer\r\n\r\n",
                     "10000000000000\r\n"] {
            XCTAssertThrowsError(try run(.chunked, [body]), body.debugDescription)
        }
        XCTAssertNoThrow(try run(.chunked, ["fffffffffffff\r\n"]), "13 hex digits are accepted")
    }

    func testALongChunkExtensionIsRefused() {
        XCTAssertThrowsError(try run(.chunked, ["5;" + String(repeating: "x", count: 100_000)]))
    }

    func testUntilCloseForwardsEverything() throws {
        let result = try run(.untilClose, ["a", "b"])
        XCTAssertEqual(result.forwarded, "ab")
        XCTAssertFalse(result.ended)
        XCTAssertTrue(try run(.none, ["x"]).ended)
    }
}
