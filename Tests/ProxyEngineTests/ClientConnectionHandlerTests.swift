import ConfigDiagnostics
import HAProxyConfig
import NIOCore
import NIOEmbedded
@testable import ProxyEngine
import RuntimePlan
import RuntimePlanner
import XCTest

/// `ClientConnectionHandler` on an `EmbeddedChannel`: answers decided by the
/// rules alone, malformed requests, and the request timeout, without sockets.
final class ClientConnectionHandlerTests: XCTestCase {
    private func channel(_ frontendLines: String) throws -> (EmbeddedChannel, EmbeddedEventLoop) {
        let text = """
            defaults
                mode http
                timeout client 5s
                timeout http-request 2s
            frontend f
                bind 127.0.0.1:8000
            \(frontendLines)
            backend pool
                server a 127.0.0.1:1

            """
        let parsed = HAProxyReader().read([SourceFile(path: "unit.cfg", text: text)])
        let plan = try XCTUnwrap(Planner().plan(parsed.configuration).plan)
        let engine = EngineContext(plan: plan, events: { _ in }, idleParkingDelay: nil)
        let loop = EmbeddedEventLoop()
        let channel = EmbeddedChannel(handler: ClientConnectionHandler(engine: engine, frontend: plan.frontends[0]), loop: loop)
        try channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 40000)).wait()
        return (channel, loop)
    }

    private func send(_ channel: EmbeddedChannel, _ text: String) throws {
        try channel.writeInbound(ByteBuffer(string: text))
    }

    private func readResponse(_ channel: EmbeddedChannel) throws -> String {
        var text = ""
        while let part = try channel.readOutbound(as: ByteBuffer.self) { text += String(buffer: part) }
        return text
    }

    func testDenyAnswersWithHAProxysPage() throws {
        let (channel, _) = try channel("    http-request deny if { path_beg /admin }\n    default_backend pool")
        try send(channel, "GET /admin/x HTTP/1.1\r\nHost: unit.example\r\n\r\n")
        let page = "<html><body><h1>403 Forbidden</h1>\nRequest forbidden by administrative rules.\n</body></html>\n"
        XCTAssertEqual(try readResponse(channel), "HTTP/1.1 403 Forbidden\r\ncontent-length: \(page.utf8.count)\r\n"
            + "cache-control: no-cache\r\ncontent-type: text/html\r\n\r\n" + page)
    }

    func testRedirectKeepsTheConnection() throws {
        let (channel, _) = try channel("    http-request redirect location /moved code 308\n    default_backend pool")
        try send(channel, "GET / HTTP/1.1\r\nHost: unit.example\r\n\r\n")
        let response = try readResponse(channel)
        XCTAssertTrue(response.hasPrefix("HTTP/1.1 308 Permanent Redirect\r\n"), response)
        XCTAssertTrue(response.contains("\r\nlocation: /moved\r\n"), response)
        XCTAssertTrue(channel.isActive)
    }

    func testAHeadSentOneByteAtATimeIsAnsweredOnceComplete() throws {
        let (channel, _) = try channel("    http-request deny if { path_beg /admin }\n    default_backend pool")
        let request = "GET /admin HTTP/1.1\r\nHost: unit.example\r\nX-Long: " + String(repeating: "v", count: 2000) + "\r\n\r\n"
        for byte in request.utf8.dropLast() {
            try channel.writeInbound(ByteBuffer(bytes: [byte]))
            XCTAssertNil(try channel.readOutbound(as: ByteBuffer.self))
        }
        try send(channel, "\n")
        XCTAssertTrue(try readResponse(channel).hasPrefix("HTTP/1.1 403 Forbidden\r\n"))
    }

    func testPipelinedRequestsAreAnsweredInOrder() throws {
        let (channel, _) = try channel("    http-request return status 200 string one if { path /1 }\n"
                                       + "    http-request return status 200 string two if { path /2 }\n    default_backend pool")
        try send(channel, "GET /1 HTTP/1.1\r\nHost: u\r\n\r\nGET /2 HTTP/1.1\r\nHost: u\r\n\r\n")
        (channel.eventLoop as! EmbeddedEventLoop).run()
        let response = try readResponse(channel)
        XCTAssertTrue(response.contains("\r\n\r\none") && response.hasSuffix("\r\n\r\ntwo"), response)
    }

    func testNoBackendAnswers503() throws {
        let (channel, _) = try channel("    use_backend pool if { path_beg /api }")
        try send(channel, "GET /other HTTP/1.1\r\nHost: u\r\n\r\n")
        XCTAssertTrue(try readResponse(channel).hasPrefix("HTTP/1.1 503 Service Unavailable\r\n"))
    }

    func testAMalformedRequestGets400AndTheConnectionCloses() throws {
        let (channel, _) = try channel("    default_backend pool")
        try send(channel, "GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n")
        let response = try readResponse(channel)
        XCTAssertTrue(response.hasPrefix("HTTP/1.1 400 Bad request\r\n"), response)
        XCTAssertTrue(response.contains("\r\nConnection: close\r\n"), response)
    }

    func testASilentClientGets408AtTimeoutHTTPRequest() throws {
        let (channel, loop) = try channel("    default_backend pool")
        loop.advanceTime(by: .milliseconds(1999))
        XCTAssertNil(try channel.readOutbound(as: ByteBuffer.self))
        loop.advanceTime(by: .milliseconds(1))
        XCTAssertTrue(try readResponse(channel).hasPrefix("HTTP/1.1 408 Request Time-out\r\n"))
    }
}

/// `ServerConnection` on an `EmbeddedChannel`: a pooled connection that
/// receives anything is closed (its framing can no longer be trusted).
final class ServerConnectionTests: XCTestCase {
    func testAPooledConnectionThatSpeaksIsClosed() throws {
        let connection = ServerConnection(key: ServerKey(backend: 0, server: 0))
        let channel = EmbeddedChannel(handler: connection)
        try channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 40001)).wait()
        XCTAssertTrue(channel.isActive)
        try channel.writeInbound(ByteBuffer(string: "HTTP/1.1 200 OK\r\n\r\n"))
        XCTAssertFalse(channel.isActive)
        XCTAssertTrue(connection.isClosed)
    }
}
