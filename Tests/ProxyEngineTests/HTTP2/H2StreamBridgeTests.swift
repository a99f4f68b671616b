import NIOCore
import NIOEmbedded
import NIOHTTP1
@testable import ProxyEngine
import XCTest

/// The stream bridge on an `EmbeddedChannel`: an HTTP/2 stream's request
/// parts become HTTP/1.1 bytes, and the HTTP/1.1 response bytes become
/// HTTP/2 response parts, without the connection headers HTTP/2 forbids.
final class H2StreamBridgeTests: XCTestCase {
    func testARequestWithoutLengthIsChunkedAndTheResponseComesBackAsParts() throws {
        let channel = EmbeddedChannel(handler: H2StreamBridge())
        var headers = HTTPHeaders()
        headers.add(name: "host", value: "a.example")
        try channel.writeInbound(HTTPServerRequestPart.head(HTTPRequestHead(version: .http2, method: .POST, uri: "/up", headers: headers)))
        XCTAssertNil(try channel.readInbound(as: ByteBuffer.self), "the head waits to know whether a body follows")
        try channel.writeInbound(HTTPServerRequestPart.body(ByteBuffer(string: "hello")))
        try channel.writeInbound(HTTPServerRequestPart.end(nil))
        var request = ""
        while let piece = try channel.readInbound(as: ByteBuffer.self) { request += String(buffer: piece) }
        XCTAssertEqual(request, "POST /up HTTP/1.1\r\nhost: a.example\r\ntransfer-encoding: chunked\r\nconnection: close\r\n\r\n"
                       + "5\r\nhello\r\n0\r\n\r\n")

        try channel.writeOutbound(ByteBuffer(string: "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nConnection: close\r\nX-App: 1\r\n"
                                             + "Transfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n"))
        guard case .head(let head)? = try channel.readOutbound(as: HTTPServerResponsePart.self) else { return XCTFail("no head") }
        XCTAssertEqual(head.status, .ok, "the 100 is not passed on")
        XCTAssertEqual(head.headers.map { "\($0.name): \($0.value)" }, ["x-app: 1"])
        guard case .body(.byteBuffer(let body))? = try channel.readOutbound(as: HTTPServerResponsePart.self) else { return XCTFail("no body") }
        XCTAssertEqual(String(buffer: body), "abc")
        XCTAssertNil(try channel.readOutbound(as: HTTPServerResponsePart.self))
        try channel.writeOutbound(ByteBuffer(string: "0\r\n\r\n"))
        guard case .end? = try channel.readOutbound(as: HTTPServerResponsePart.self) else { return XCTFail("no end") }
        _ = try channel.finish()
    }

    func testABodilessRequestHasNoFramingAndOneCookieLine() throws {
        let channel = EmbeddedChannel(handler: H2StreamBridge())
        let cookies = HTTPHeaders([("cookie", "a=1"), ("accept", "*/*"), ("cookie", "b=2")])
        try channel.writeInbound(HTTPServerRequestPart.head(HTTPRequestHead(version: .http2, method: .GET, uri: "/", headers: cookies)))
        try channel.writeInbound(HTTPServerRequestPart.end(nil))
        let bytes = try XCTUnwrap(channel.readInbound(as: ByteBuffer.self))
        XCTAssertEqual(String(buffer: bytes), "GET / HTTP/1.1\r\naccept: */*\r\ncookie: a=1; b=2\r\nconnection: close\r\n\r\n")
        _ = try channel.finish()
    }
}
