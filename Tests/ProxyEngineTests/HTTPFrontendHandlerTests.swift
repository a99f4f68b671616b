import ConfigDiagnostics
import HAProxyConfig
import NIOCore
import NIOEmbedded
import NIOHTTP1
@testable import ProxyEngine
import RuntimePlan
import XCTest

/// `HTTPFrontendHandler` on an `EmbeddedChannel`: answers decided by the
/// rules alone, and the request timeout, without sockets.
final class HTTPFrontendHandlerTests: XCTestCase {
    private func channel(_ frontendLines: String) throws -> (EmbeddedChannel, EmbeddedEventLoop) {
        let text = """
            defaults
                mode http
                timeout http-request 2s
            frontend f
                bind 127.0.0.1:8000
            \(frontendLines)
            backend pool
                server a 127.0.0.1:1

            """
        let parsed = HAProxyReader().read([SourceFile(path: "unit.cfg", text: text)])
        let plan = try XCTUnwrap(Planner().plan(parsed.configuration).plan)
        let engine = EngineContext(plan: plan, events: { _ in })
        let loop = EmbeddedEventLoop()
        let channel = EmbeddedChannel(handler: HTTPFrontendHandler(engine: engine, frontend: plan.frontends[0]), loop: loop)
        try channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 40000)).wait()
        return (channel, loop)
    }

    private func send(_ channel: EmbeddedChannel, _ uri: String) throws {
        var headers = HTTPHeaders()
        headers.add(name: "host", value: "unit.example")
        try channel.writeInbound(HTTPServerRequestPart.head(HTTPRequestHead(version: .http1_1, method: .GET, uri: uri,
                                                                            headers: headers)))
        try channel.writeInbound(HTTPServerRequestPart.end(nil))
    }

    private func readResponse(_ channel: EmbeddedChannel) throws -> (HTTPResponseHead, String) {
        var first: HTTPResponseHead?
        if case .head(let head)? = try channel.readOutbound(as: HTTPServerResponsePart.self) { first = head }
        let head = try XCTUnwrap(first, "the handler wrote no response head")
        var body = ""
        while let part = try channel.readOutbound(as: HTTPServerResponsePart.self) {
            if case .body(.byteBuffer(let buffer)) = part { body += String(buffer: buffer) }
        }
        return (head, body)
    }

    func testDenyAnswersWithHAProxysPage() throws {
        let (channel, _) = try channel("    http-request deny if { path_beg /admin }\n    default_backend pool")
        try send(channel, "/admin/x")
        let (head, body) = try readResponse(channel)
        XCTAssertEqual(head.status.code, 403)
        XCTAssertEqual(body, "<html><body><h1>403 Forbidden</h1>\nRequest forbidden by administrative rules.\n</body></html>\n")
        XCTAssertEqual(head.headers["content-length"], [String(body.utf8.count)])
    }

    func testRedirectKeepsTheConnection() throws {
        let (channel, _) = try channel("    http-request redirect location /moved code 308\n    default_backend pool")
        try send(channel, "/")
        let (head, _) = try readResponse(channel)
        XCTAssertEqual(head.status.code, 308)
        XCTAssertEqual(head.headers["location"], ["/moved"])
        XCTAssertTrue(channel.isActive)
    }

    func testNoBackendAnswers503() throws {
        let (channel, _) = try channel("    use_backend pool if { path_beg /api }")
        try send(channel, "/other")
        XCTAssertEqual(try readResponse(channel).0.status.code, 503)
    }

    func testASilentClientGets408AtTimeoutHTTPRequest() throws {
        let (channel, loop) = try channel("    default_backend pool")
        loop.advanceTime(by: .milliseconds(1999))
        XCTAssertNil(try channel.readOutbound(as: HTTPServerResponsePart.self))
        loop.advanceTime(by: .milliseconds(1))
        XCTAssertEqual(try readResponse(channel).0.status.code, 408)
    }
}
