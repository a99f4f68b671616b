import NIOCore
@testable import ProxyEngine
import RuntimePlan
import XCTest

/// HAProxy 2.6's HTTP/1 head rules as a table, without sockets: each input
/// is parsed whole and also fed in every split (a prefix must never be
/// judged complete or invalid when the whole is valid).
final class H1HeadParserTests: XCTestCase {
    private enum Expect: Equatable {
        case ok
        case error(H1Error)
    }

    private func parse(_ text: String, _ kind: H1MessageKind = .request, limits: H1Limits = H1Limits()) -> H1HeadParser.Outcome {
        let buffer = ByteBuffer(bytes: Array(text.utf8))
        return buffer.withUnsafeReadableBytes { H1HeadParser(kind: kind, limits: limits).parse($0) }
    }

    private func verdict(_ outcome: H1HeadParser.Outcome) -> Expect? {
        switch outcome {
        case .incomplete: nil
        case .complete: .ok
        case .invalid(let error): .error(error)
        }
    }

    private let requests: [(String, Expect)] = [
        ("GET / HTTP/1.1\r\nHost: a\r\n\r\n", .ok),
        ("\r\n\r\nGET / HTTP/1.1\r\nHost: a\r\n\r\n", .ok),
        ("GET / HTTP/1.1\nHost: a\n\n", .ok),
        ("get / HTTP/1.1\r\n\r\n", .ok),
        ("GET\t/\tHTTP/1.1\r\n\r\n", .ok),
        ("GET / HTTP/1.1\r\nX: a\r\n b\r\n\r\n", .ok),
        ("GET / HTTP/1.1\r\nX:\r\n\r\n", .ok),
        ("GET /\r\n", .error(.invalidVersion)),
        ("POST /\r\n", .error(.invalidVersion)),
        ("GET / HTTP/9.9\r\n\r\n", .ok),
        ("GET / HTTP/1.10\r\n\r\n", .error(.invalidVersion)),
        ("GET / http/1.1\r\n\r\n", .error(.invalidStartLine)),
        ("GET / HTTP/1.1 \r\n\r\n", .error(.invalidStartLine)),
        ("GET /a#b HTTP/1.1\r\n\r\n", .error(.invalidStartLine)),
        ("GET /\u{7f} HTTP/1.1\r\n\r\n", .error(.invalidStartLine)),
        ("GET /é HTTP/1.1\r\n\r\n", .error(.invalidStartLine)),
        ("G(T / HTTP/1.1\r\n\r\n", .error(.invalidStartLine)),
        ("GET / HTTP/1.1\r\nBad Name: a\r\n\r\n", .error(.invalidHeaderName)),
        ("GET / HTTP/1.1\r\n: a\r\n\r\n", .error(.invalidHeaderName)),
        ("GET / HTTP/1.1\r\nHost a\r\n\r\n", .error(.invalidHeaderName)),
        ("GET / HTTP/1.1\r\nX : a\r\n\r\n", .error(.invalidHeaderName)),
        ("GET / HTTP/1.1\r\nX: a\rb\r\n\r\n", .error(.invalidLineEnding)),
        ("GET / HTTP/1.1\r\nX: a\u{0}b\r\n\r\n", .ok),
        ("GET / HTTP/1.1\r\nContent-Length: 5\r\nContent-Length: 5\r\n\r\n", .ok),
        ("GET / HTTP/1.1\r\nContent-Length: 5, 5\r\n\r\n", .ok),
        ("GET / HTTP/1.1\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\n", .error(.invalidContentLength)),
        ("GET / HTTP/1.1\r\nContent-Length:\r\n\r\n", .error(.invalidContentLength)),
        ("GET / HTTP/1.1\r\nContent-Length: 5,\r\n\r\n", .error(.invalidContentLength)),
        ("GET / HTTP/1.1\r\nContent-Length: -1\r\n\r\n", .error(.invalidContentLength)),
        ("GET / HTTP/1.1\r\nContent-Length: +5\r\n\r\n", .error(.invalidContentLength)),
        ("GET / HTTP/1.1\r\nContent-Length: 99999999999999999999\r\n\r\n", .error(.invalidContentLength)),
        ("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\n", .ok),
        ("POST / HTTP/1.1\r\nTransfer-Encoding: chunked, identity\r\n\r\n", .error(.invalidTransferEncoding)),
        ("POST / HTTP/1.1\r\nTransfer-Encoding: identity, chunked\r\n\r\n", .error(.unsupportedTransferCoding)),
        ("POST / HTTP/1.1\r\nTransfer-Encoding: chunked, chunked\r\n\r\n", .error(.invalidTransferEncoding)),
        ("POST / HTTP/1.1\r\nTransfer-Encoding: xchunked\r\n\r\n", .error(.invalidTransferEncoding)),
        ("POST / HTTP/1.1\r\nTransfer-Encoding : chunked\r\n\r\n", .error(.invalidHeaderName)),
        ("GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", .error(.hostMismatch)),
        ("GET / HTTP/1.1\r\nHost: a\r\nHost: A\r\n\r\n", .ok),
        ("GET http://abs.example/x HTTP/1.1\r\nHost: other.example\r\n\r\n", .error(.hostMismatch)),
        ("GET http://abs.example/x HTTP/1.1\r\nHost: ABS.example\r\n\r\n", .ok),
        ("GET http://u@abs.example:80/x HTTP/1.1\r\nHost: abs.example:80\r\n\r\n", .ok),
        ("CONNECT abs.example:443 HTTP/1.1\r\nHost: other:443\r\n\r\n", .error(.hostMismatch)),
    ]

    func testRequestRulesMatchHAProxy() {
        for (text, expected) in requests {
            XCTAssertEqual(verdict(parse(text)), expected, text.debugDescription)
        }
    }

    func testEveryPrefixOfAValidHeadIsIncomplete() {
        for (text, expected) in requests where expected == .ok {
            let bytes = Array(text.utf8)
            for cut in 0..<bytes.count {
                let outcome = ByteBuffer(bytes: bytes[0..<cut]).withUnsafeReadableBytes { H1HeadParser(kind: .request).parse($0) }
                guard case .incomplete = outcome else {
                    XCTFail("\(text.debugDescription) cut at \(cut): \(outcome)")
                    break
                }
            }
        }
    }

    func testIndexesFieldsInPlace() throws {
        let text = "\r\nPOST /p?q=1 HTTP/1.0\r\nHost: a\r\nContent-Length: 3\r\nConnection: keep-alive, Upgrade\r\n\r\nabc"
        let buffer = ByteBuffer(string: text)
        guard case .complete(let head) = buffer.withUnsafeReadableBytes({ H1HeadParser(kind: .request).parse($0) }) else {
            return XCTFail("not complete")
        }
        XCTAssertEqual(head.length, text.utf8.count - 3)
        XCTAssertEqual(head.string(head.first, in: buffer), "POST")
        XCTAssertEqual(head.string(head.second, in: buffer), "/p?q=1")
        XCTAssertEqual(head.method, .post)
        XCTAssertFalse(head.isHTTP11)
        XCTAssertEqual(head.fields.map { head.string($0.name, in: buffer) }, ["Host", "Content-Length", "Connection"])
        XCTAssertEqual(head.requestBody, .length(3))
        XCTAssertTrue(head.connectionKeepAlive && head.connectionUpgrade && !head.connectionClose)
        XCTAssertTrue(head.needsRewrite, "leading empty lines are not forwarded")
    }

    func testTransferEncodingWithContentLengthDropsTheLengthAndCloses() throws {
        let buffer = ByteBuffer(string: "POST / HTTP/1.1\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n")
        guard case .complete(let head) = buffer.withUnsafeReadableBytes({ H1HeadParser(kind: .request).parse($0) }) else {
            return XCTFail("not complete")
        }
        XCTAssertEqual(head.requestBody, .chunked)
        XCTAssertTrue(head.connectionClose)
        let written = H1HeadWriter.write(head, from: buffer, edits: H1HeadEdits(), kind: .request)
        XCTAssertEqual(String(buffer: written), "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n")
    }

    func testAnUnchangedHeadIsForwardedAsReadAndAFoldedOneIsRewritten() {
        for (text, forwarded) in [
            ("GET / HTTP/1.1\r\nHost: a\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\r\n",
             "GET / HTTP/1.1\r\nHost: a\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\r\n"),
            ("GET / HTTP/1.1\r\nHost: a\r\nX: a\r\n b\r\nY:c\n\n", "GET / HTTP/1.1\r\nHost: a\r\nX: a   b\r\nY: c\r\n\r\n"),
            ("GET / HTTP/1.1\r\nConnection: foo, keep-alive\r\n\r\n", "GET / HTTP/1.1\r\nConnection: foo\r\n\r\n"),
            ("GET / HTTP/1.1\r\nContent-Length: 5, 5\r\nContent-Length: 5\r\n\r\n", "GET / HTTP/1.1\r\nContent-Length: 5\r\n\r\n"),
            ("GET\t/  HTTP/9.9\r\nX:\r\nY:  y \r\n\r\n", "GET / HTTP/1.1\r\nX: \r\nY: y\r\n\r\n"),
        ] {
            let buffer = ByteBuffer(string: text)
            guard case .complete(let head) = buffer.withUnsafeReadableBytes({ H1HeadParser(kind: .request).parse($0) }) else {
                XCTFail(text.debugDescription)
                continue
            }
            XCTAssertEqual(String(buffer: H1HeadWriter.write(head, from: buffer, edits: H1HeadEdits(), kind: .request)), forwarded)
        }
    }

    func testLimits() {
        let many = (0..<101).map { "X\($0): v\r\n" }.joined()
        XCTAssertEqual(verdict(parse("GET / HTTP/1.1\r\n" + many + "\r\n")), .error(.tooManyHeaders))
        XCTAssertEqual(verdict(parse("GET / HTTP/1.1\r\n" + many.dropLast(8) + "\r\n")), .ok)
        XCTAssertEqual(verdict(parse("GET /" + String(repeating: "a", count: 16_000) + " HTTP/1.1\r\n\r\n")), .error(.headTooLarge))
        XCTAssertEqual(verdict(parse("GET /" + String(repeating: "a", count: 16_000))), .error(.headTooLarge))
        XCTAssertEqual(verdict(parse("HTTP/1.1 200 OK\r\nX: " + String(repeating: "a", count: 16_400) + "\r\n\r\n", .response)),
                       .error(.headTooLarge))
    }

    /// Heads are bounded by their HTX size, in both directions, as haproxy
    /// 2.6.12 bounds them (bisected on the real haproxy: the largest header
    /// value that passes, with the default 16384-byte buffer and 1024 reserved).
    func testHTXSizeBoundsBothDirections() {
        func request(_ count: Int) -> String { "GET / HTTP/1.1\r\nX: " + String(repeating: "a", count: count) + "\r\n\r\n" }
        func response(_ count: Int) -> String { "HTTP/1.1 200 OK\r\nX: " + String(repeating: "a", count: count) + "\r\n\r\n" }
        XCTAssertEqual(verdict(parse(request(15_254))), .ok)
        XCTAssertEqual(verdict(parse(request(15_255))), .error(.headTooLarge))
        XCTAssertEqual(verdict(parse(response(15_253), .response)), .ok)
        XCTAssertEqual(verdict(parse(response(15_254), .response)), .error(.headTooLarge))
        let tuned = H1Limits(BufferTuning(bufferSize: 4_096, maxRewrite: 3_000))
        XCTAssertEqual(verdict(parse(request(1_942), limits: tuned)), .ok)
        XCTAssertEqual(verdict(parse(request(1_943), limits: tuned)), .error(.headTooLarge))
    }

    func testResponseRulesAndFraming() throws {
        let cases: [(String, H1Method, Expect, H1BodyKind?)] = [
            ("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n", .get, .ok, .length(2)),
            ("HTTP/1.1 200 OK\r\n\r\n", .get, .ok, .untilClose),
            ("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n", .get, .ok, .chunked),
            ("HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\n\r\n", .get, .error(.invalidTransferEncoding), nil),
            ("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n", .head, .ok, H1BodyKind.none),
            ("HTTP/1.1 204 No Content\r\nContent-Length: 2\r\n\r\n", .get, .ok, H1BodyKind.none),
            ("HTTP/1.1 304 Not Modified\r\n\r\n", .get, .ok, H1BodyKind.none),
            ("HTTP/1.1 100 Continue\r\n\r\n", .get, .ok, H1BodyKind.none),
            ("HTTP/1.1 101 Switching Protocols\r\n\r\n", .get, .ok, .tunnel),
            ("HTTP/1.1 200 Connection established\r\n\r\n", .connect, .ok, .tunnel),
            ("HTTP/1.1 200\r\n\r\n", .get, .ok, .untilClose),
            ("HTTP/1.1 abc Not Valid\r\n\r\n", .get, .error(.invalidStartLine), nil),
            ("garbage here\r\n\r\n", .get, .error(.invalidStartLine), nil),
            ("HTTP/1 200 OK\r\n\r\n", .get, .error(.invalidVersion), nil),
            ("HTTP/1.1 200 OK\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n", .get, .error(.invalidContentLength), nil),
            ("HTTP/1.1 200 OK\r\nHost: a\r\nHost: b\r\n\r\n", .get, .ok, .untilClose),
        ]
        for (text, method, expected, body) in cases {
            let outcome = parse(text, .response)
            XCTAssertEqual(verdict(outcome), expected, text.debugDescription)
            if case .complete(let head) = outcome { XCTAssertEqual(head.responseBody(to: method), body, text.debugDescription) }
        }
    }
}
