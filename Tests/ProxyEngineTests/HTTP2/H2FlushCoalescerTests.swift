import NIOCore
import NIOEmbedded
@testable import ProxyEngine
import XCTest

/// The flush coalescer on an `EmbeddedChannel`: the flushes asked for in one
/// event-loop pass reach the socket once, when the loop runs its tasks; a close sends what was written first.
final class H2FlushCoalescerTests: XCTestCase {
    func testFlushesOfOnePassLeaveTogether() throws {
        let channel = EmbeddedChannel(handler: H2FlushCoalescer())
        try channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 1)).wait()
        channel.write(ByteBuffer(string: "one"), promise: nil)
        channel.flush()
        channel.write(ByteBuffer(string: "two"), promise: nil)
        channel.flush()
        XCTAssertNil(try channel.readOutbound(as: ByteBuffer.self), "nothing leaves before the pass ends")
        channel.embeddedEventLoop.run()
        XCTAssertEqual(try channel.readOutbound(as: ByteBuffer.self), ByteBuffer(string: "one"))
        XCTAssertEqual(try channel.readOutbound(as: ByteBuffer.self), ByteBuffer(string: "two"))
        channel.write(ByteBuffer(string: "last"), promise: nil)
        channel.flush()
        _ = try channel.close().wait()
        XCTAssertEqual(try channel.readOutbound(as: ByteBuffer.self), ByteBuffer(string: "last"), "a close sends what was written")
    }
}
