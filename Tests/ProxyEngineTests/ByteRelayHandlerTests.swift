import NIOCore
import NIOEmbedded
@testable import ProxyEngine
import XCTest

/// `ByteRelayHandler` between two `EmbeddedChannel`s on one loop: bytes
/// forwarded, reads held while the other side is not writable, a read-side
/// end passed on as a write-side close, and the idle timeout.
final class ByteRelayHandlerTests: XCTestCase {
    /// Records the reads and closes that reach the socket end of a pipeline.
    final class SocketSpy: ChannelOutboundHandler {
        typealias OutboundIn = ByteBuffer
        var reads = 0
        var closes: [CloseMode] = []

        func read(context: ChannelHandlerContext) {
            reads += 1
            context.read()
        }

        func close(context: ChannelHandlerContext, mode: CloseMode, promise: EventLoopPromise<Void>?) {
            closes.append(mode)
            if mode == .all { context.close(mode: mode, promise: promise) } else { promise?.succeed(()) }
        }
    }

    private let loop = EmbeddedEventLoop()
    private let clientSpy = SocketSpy(), serverSpy = SocketSpy()
    private var client: EmbeddedChannel!
    private var server: EmbeddedChannel!

    private func join(clientTimeoutMs: Int? = nil, serverTimeoutMs: Int? = nil, clientFinMs: Int? = nil) throws {
        client = EmbeddedChannel(handlers: [clientSpy, ByteRelayHandler(idleTimeoutMs: clientTimeoutMs, finTimeoutMs: clientFinMs)], loop: loop)
        server = EmbeddedChannel(handlers: [serverSpy, ByteRelayHandler(idleTimeoutMs: serverTimeoutMs)], loop: loop)
        for channel in [client!, server!] { try channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 1)).wait() }
        ByteRelayHandler.join(try client.pipeline.syncOperations.handler(type: ByteRelayHandler.self),
                              try server.pipeline.syncOperations.handler(type: ByteRelayHandler.self))
    }

    func testBytesReadOnOneSideAreWrittenOnTheOtherAtTheEndOfTheBatch() throws {
        try join()
        try client.writeInbound(ByteBuffer(string: "GET / HTTP/1.1\r\n"))
        XCTAssertEqual(try server.readOutbound(as: ByteBuffer.self).map { String(buffer: $0) }, "GET / HTTP/1.1\r\n")
        try server.writeInbound(ByteBuffer(string: "HTTP/1.1 200 OK\r\n"))
        XCTAssertEqual(try client.readOutbound(as: ByteBuffer.self).map { String(buffer: $0) }, "HTTP/1.1 200 OK\r\n")
    }

    func testASideStopsReadingWhileTheOtherCannotTakeMore() throws {
        try join()
        server.isWritable = false
        let before = clientSpy.reads
        client.read()
        XCTAssertEqual(clientSpy.reads, before, "the client was read while the server could not be written")
        server.isWritable = true
        server.pipeline.fireChannelWritabilityChanged()
        XCTAssertEqual(clientSpy.reads, before + 1, "the held read was not resumed")
    }

    func testTheEndOfOneDirectionShutsTheOtherSidesWriteSideAndBothEndsCloseBoth() throws {
        try join()
        client.pipeline.fireUserInboundEventTriggered(ChannelEvent.inputClosed)
        XCTAssertEqual(serverSpy.closes, [.output])
        XCTAssertTrue(client.isActive, "the other direction must keep flowing")
        try server.writeInbound(ByteBuffer(string: "late answer"))
        XCTAssertEqual(try client.readOutbound(as: ByteBuffer.self).map { String(buffer: $0) }, "late answer")
        server.pipeline.fireUserInboundEventTriggered(ChannelEvent.inputClosed)
        XCTAssertTrue(clientSpy.closes.contains(.all))
        XCTAssertEqual(serverSpy.closes.first, .output)
        XCTAssertFalse(client.isActive)
        XCTAssertFalse(server.isActive)
    }

    func testAnIdleSideEndsItsDirectionAndTrafficRestartsTheTimeout() throws {
        try join(clientTimeoutMs: 1000, serverTimeoutMs: 5000)
        loop.advanceTime(by: .milliseconds(800))
        try server.writeInbound(ByteBuffer(string: "x"))
        loop.advanceTime(by: .milliseconds(800))
        XCTAssertEqual(clientSpy.closes, [], "a write to the client counts as activity on its side")
        loop.advanceTime(by: .milliseconds(200))
        XCTAssertEqual(clientSpy.closes, [.input])
        XCTAssertEqual(serverSpy.closes, [.output])
    }

    func testTheHalfClosedTimeoutReplacesTheIdleOneOnceTheWriteSideIsShut() throws {
        try join(clientTimeoutMs: 5000, serverTimeoutMs: 5000, clientFinMs: 1000)
        loop.advanceTime(by: .milliseconds(1500))
        XCTAssertEqual(clientSpy.closes, [], "before the client side is half-closed, `timeout client` applies")
        // The server's end shuts the client's write side: from now on the client side has `client-fin`.
        server.pipeline.fireUserInboundEventTriggered(ChannelEvent.inputClosed)
        XCTAssertEqual(clientSpy.closes, [.output])
        loop.advanceTime(by: .milliseconds(900))
        XCTAssertEqual(clientSpy.closes, [.output])
        loop.advanceTime(by: .milliseconds(100))
        XCTAssertTrue(clientSpy.closes.contains(.all), "\(clientSpy.closes)")
        XCTAssertFalse(client.isActive)
        XCTAssertFalse(server.isActive)
    }
}
