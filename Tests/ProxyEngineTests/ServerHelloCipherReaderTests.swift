import NIOCore
import NIOEmbedded
@testable import ProxyEngine
import XCTest

/// `ServerHelloCipherReader` on an `EmbeddedChannel`: the cipher suite of the
/// first record the TLS handler writes (a ServerHello) is recorded by its
/// OpenSSL name, the bytes pass unchanged, and later writes are not read.
final class ServerHelloCipherReaderTests: XCTestCase {
    /// A handshake record holding a ServerHello with a 32-byte session id and the cipher suite `code`.
    static func serverHello(cipher code: UInt16) -> ByteBuffer {
        var buffer = ByteBuffer(bytes: [22, 0x03, 0x03, 0x00, 0x4A, 2, 0x00, 0x00, 0x46, 0x03, 0x03])
        buffer.writeBytes([UInt8](repeating: 7, count: 32))
        buffer.writeInteger(UInt8(32))
        buffer.writeBytes([UInt8](repeating: 9, count: 32))
        buffer.writeInteger(code)
        buffer.writeInteger(UInt8(0))
        return buffer
    }

    func testRecordsTheCipherOfTheFirstWrite() throws {
        let state = TLSConnectionState()
        let channel = EmbeddedChannel(handler: ServerHelloCipherReader(state))
        let hello = Self.serverHello(cipher: 0xC02F)
        try channel.writeOutbound(hello)
        XCTAssertEqual(try channel.readOutbound(as: ByteBuffer.self), hello)
        XCTAssertEqual(state.facts.cipher, "ECDHE-RSA-AES128-GCM-SHA256")
        try channel.writeOutbound(Self.serverHello(cipher: 0x1301))
        XCTAssertEqual(state.facts.cipher, "ECDHE-RSA-AES128-GCM-SHA256", "only the first write is read")
        XCTAssertNil(ServerHelloCipherReader.cipherSuite(inServerHello: ByteBuffer(bytes: [23, 3, 3, 0, 1, 0])), "not a handshake")
        XCTAssertNil(ServerHelloCipherReader.cipherSuite(inServerHello: ByteBuffer(bytes: [22, 3, 3, 0, 1, 2])), "too short")
        _ = try channel.finish()
    }
}
