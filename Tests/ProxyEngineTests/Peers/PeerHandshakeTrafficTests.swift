import Foundation
import NIOCore
@testable import ProxyEngine
import WeirTestSupport
import XCTest

/// The engine's peer listener over real sockets: the status line of each
/// kind of hello, as HAProxy 2.6 answers them, a session that carries a
/// definition and an update into the table, and garbage that ends a
/// session without harm.
final class PeerHandshakeTrafficTests: XCTestCase {
    static func config(_ port: Int) -> String {
        """
        global
            localpeer B
        peers mesh
            peer A 127.0.0.1:\(Loopback.freePort())
            peer B 127.0.0.1:\(port)
        backend fe3
            stick-table type ip size 1k expire 10m store gpc0,conn_cur,http_req_cnt,http_req_rate(10s) peers mesh

        """
    }

    private func bytes(_ hex: String) -> [UInt8] {
        let digits = Array(hex.filter { !$0.isWhitespace })
        return stride(from: 0, to: digits.count, by: 2).map { UInt8(String(digits[$0...$0 + 1]), radix: 16)! }
    }

    func testHellosAreAnsweredWithHAProxysStatuses() async throws {
        let port = Loopback.freePort()
        let harness = EngineHarness()
        try await harness.startEngine(Self.config(port))
        XCTAssertTrue(Loopback.waitForListener(port: port))
        let cases: [(String, String)] = [
            ("GET / HTTP/1.1\r\nHost: a\r\n\r\n", "501\n"),
            ("HAProxyS 2.2\nB\nA 1 1\n", "502\n"),
            ("HAProxyS 2.1\nZ\nA 1 1\n", "503\n"),
            ("HAProxyS 2.1\nB\nnobody 1 1\n", "504\n"),
            (String(repeating: "x", count: 2_000), "501\n"),
        ]
        for (hello, status) in cases {
            XCTAssertEqual(Loopback.exchange(port: port, hello, seconds: 2), status, hello)
        }
        // A peer that says hello, defines haproxy's observed table and sends its observed update, then garbage.
        let fd = try XCTUnwrap(Loopback.connect(port: port))
        Loopback.send(fd, "HAProxyS 2.1\nB\nA 4242 1\n")
        XCTAssertEqual(readBytes(fd, until: Array("200\n".utf8), seconds: 2), Array("200\n".utf8))
        let frames = bytes("0a 82 11 01 03 666533 04 04 f455 f0eda301 0a f0e203")
            + bytes("0a 85 13 0000000b 00092463 7f000001 02 00 03 fa27 03 00")
        XCTAssertEqual(frames.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }, frames.count)
        // The engine asks for a resync (00 00) and acknowledges update 11 of our table 1 (0a 84 05 01 0000000b).
        let received = readBytes(fd, until: [0x0A, 0x84, 0x05, 0x01, 0x00, 0x00, 0x00, 0x0B], seconds: 2)
        XCTAssertTrue(received.starts(with: [0x00, 0x00]), "\(received)")
        XCTAssertTrue(received.count >= 8 && received.suffix(8).elementsEqual([0x0A, 0x84, 0x05, 0x01, 0x00, 0x00, 0x00, 0x0B]),
                      "\(received)")
        let table = try XCTUnwrap(harness.engine?.engine.stickTables["fe3"])
        let line = StickTableDump.dump(table).split(separator: "\n").last.map(String.init) ?? ""
        XCTAssertTrue(line.contains("key=127.0.0.1 use=0 exp=") && line.hasSuffix("gpc0=2 conn_cur=0 http_req_cnt=3 http_req_rate(10000)=3"),
                      line)
        let garbage: [UInt8] = [0xFF, 0x00, 0x0A, 0x99, 0xF0, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F]
        _ = garbage.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        _ = Loopback.readAll(fd, seconds: 2)
        close(fd)
        // The listener still answers.
        XCTAssertEqual(Loopback.exchange(port: port, "HAProxyS 2.1\nZ\nA 1 1\n", seconds: 2), "503\n")
        await harness.shutdown()
    }

    /// Raw bytes read until they end with `marker` (at most `seconds`).
    private func readBytes(_ fd: Int32, until marker: [UInt8], seconds: Double) -> [UInt8] {
        var received: [UInt8] = [], buffer = [UInt8](repeating: 0, count: 4096)
        let deadline = Date().addingTimeInterval(seconds)
        var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        while Date() < deadline, !(received.count >= marker.count && received.suffix(marker.count).elementsEqual(marker)) {
            guard poll(&poller, 1, 100) > 0 else { continue }
            let count = read(fd, &buffer, 1)
            if count <= 0 { break }
            received += buffer[0..<count]
        }
        return received
    }

    func testRandomMessagesNeverCrashTheReaders() throws {
        let table = StickTable(PeerWireTests.observedTable)
        let shared = PeerSharedTable(table: table, localID: 1, wireName: "fe3")
        var generator = SystemRandomNumberGenerator()
        let definition = bytes("01 03 666533 04 04 f455 f0eda301 0a f0e203")
        let remote = try PeerTableCodec.readDefinition(ByteBuffer(bytes: definition), tables: [shared])
        for _ in 0..<5_000 {
            let length = Int.random(in: 0..<40, using: &generator)
            let noise = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
            var framed = ByteBuffer(bytes: noise)
            _ = try? PeerMessage.read(from: &framed, limit: 16_384)
            _ = try? PeerTableCodec.readDefinition(ByteBuffer(bytes: noise), tables: [shared])
            var dictionary = PeerDictionary()
            _ = try? PeerTableCodec.readUpdate(PeerMessage(messageClass: 10, type: 0x80, body: ByteBuffer(bytes: noise)),
                                               remote: remote, dictionary: &dictionary)
        }
    }
}
