import NIOCore
@testable import ProxyEngine
import RuntimePlan
import XCTest

/// The peers protocol's encodings against the bytes haproxy 2.6.12 put on
/// the wire (../shared/reference/haproxy-ops.md §7.2 and §7.4).
final class PeerWireTests: XCTestCase {
    private func bytes(_ hex: String) -> [UInt8] {
        let digits = Array(hex.filter { !$0.isWhitespace })
        return stride(from: 0, to: digits.count, by: 2).map { UInt8(String(digits[$0...$0 + 1]), radix: 16)! }
    }

    func testVarintsAreHAProxys() {
        let cases: [(UInt64, String)] = [(0, "00"), (239, "ef"), (240, "f000"), (300, "fc03"), (874, "fa27"),
                                         (10_000, "f0e203"), (600_000, "f0eda301"), (1604, "f455")]
        for (value, hex) in cases {
            var buffer = ByteBuffer()
            PeerVarint.write(value, to: &buffer)
            XCTAssertEqual(Array(buffer.readableBytesView), bytes(hex), "\(value)")
            XCTAssertEqual(PeerVarint.read(from: &buffer), value, hex)
        }
        for value: UInt64 in [1 << 20, 1 << 35, UInt64.max >> 1, UInt64.max] {
            var buffer = ByteBuffer()
            PeerVarint.write(value, to: &buffer)
            XCTAssertEqual(PeerVarint.read(from: &buffer), value)
        }
        var cut = ByteBuffer(bytes: bytes("f0e2"))
        XCTAssertNil(PeerVarint.read(from: &cut), "a varint cut short")
        XCTAssertEqual(cut.readableBytes, 2, "nothing consumed")
    }

    static let observedTable = StickTablePlan(
        name: "fe3", keyType: .ip, keyLength: 4, size: 1000, expireMs: 600_000, peers: "p",
        stored: [StickDataPlan(type: .gpc0), StickDataPlan(type: .connCurrent), StickDataPlan(type: .httpRequestCount),
                 StickDataPlan(type: .httpRequestRate, periodMs: 10_000)], source: SourceRef(file: "t", line: 1, column: 1))

    func testTableDefinitionIsTheObservedOne() {
        let shared = PeerSharedTable(table: StickTable(Self.observedTable), localID: 1, wireName: "fe3")
        var buffer = ByteBuffer()
        PeerTableCodec.definition(shared).write(to: &buffer)
        XCTAssertEqual(Array(buffer.readableBytesView), bytes("0a 82 11 01 03 666533 04 04 f455 f0eda301 0a f0e203"))
        // And haproxy's definition binds to it.
        let body = ByteBuffer(bytes: bytes("01 03 666533 04 04 f455 f0eda301 0a f0e203"))
        let remote = try? PeerTableCodec.readDefinition(body, tables: [shared])
        XCTAssertEqual(remote?.remoteID, 1)
        XCTAssertNotNil(remote?.local)
        XCTAssertNil(try? PeerTableCodec.readDefinition(ByteBuffer(bytes: bytes("01 03 666534 04 04 f455 f0eda301 0a f0e203")),
                                                       tables: [shared]).local, "another name")
    }

    func testObservedTimedUpdateIsStored() throws {
        let table = StickTable(Self.observedTable) { 1_000_000 }
        let shared = PeerSharedTable(table: table, localID: 1, wireName: "fe3")
        let remote = try PeerTableCodec.readDefinition(ByteBuffer(bytes: bytes("01 03 666533 04 04 f455 f0eda301 0a f0e203")),
                                                       tables: [shared])
        let message = PeerMessage(messageClass: 10, type: 0x85,
                                  body: ByteBuffer(bytes: bytes("0000000b 00092463 7f000001 02 05 03 fa27 03 00")))
        var dictionary = PeerDictionary()
        XCTAssertEqual(try PeerTableCodec.readUpdate(message, remote: remote, dictionary: &dictionary), 11)
        let line = StickTableDump.dump(table).split(separator: "\n").last.map(String.init) ?? ""
        // conn_cur is the receiver's own (5 on the wire is ignored); the rate is rebuilt 874 ms into its period.
        XCTAssertTrue(line.hasSuffix("key=127.0.0.1 use=0 exp=599139 gpc0=2 conn_cur=0 http_req_cnt=3 http_req_rate(10000)=3"), line)
    }

    func testUpdateRoundTripsWithServerKeysCachedOnce() throws {
        var plan = Self.observedTable
        plan.stored.append(StickDataPlan(type: .serverKey))
        plan.stored.sort { $0.type.id < $1.type.id }
        let source = StickTable(plan) { 2_000 }, target = StickTable(plan) { 9_000 }
        let key = try XCTUnwrap(StickKey("10.9.8.7", for: plan))
        let entry = try XCTUnwrap(source.entry(key, making: true))
        source.withData(entry, touching: true) { entry, _ in
            entry.counters[source.layout.counter(.gpc0)!] = 42
            entry.serverKey = "s1"
        }
        let shared = PeerSharedTable(table: source, localID: 7, wireName: "fe3")
        var sent = PeerDictionary(), received = PeerDictionary()
        var messages: [PeerMessage] = []
        for _ in 0..<2 {
            _ = source.forEachLocalChange(after: 0, limit: 10) { entry, now in
                messages.append(PeerTableCodec.update(entry, id: entry.updateID, now: now, expiresIn: nil, shared: shared,
                                                      dictionary: &sent))
            }
        }
        XCTAssertEqual(messages.count, 2)
        XCTAssertLessThan(messages[1].body!.readableBytes, messages[0].body!.readableBytes, "the second names the key by id")
        let remote = try PeerTableCodec.readDefinition(PeerTableCodec.definition(shared).body!,
                                                       tables: [PeerSharedTable(table: target, localID: 1, wireName: "fe3")])
        for message in messages { _ = try PeerTableCodec.readUpdate(message, remote: remote, dictionary: &received) }
        let line = StickTableDump.dump(target).split(separator: "\n").last.map(String.init) ?? ""
        XCTAssertTrue(line.contains("key=10.9.8.7 use=0 exp=600000 gpc0=42 conn_cur=0 http_req_cnt=0 http_req_rate(10000)=0 server_key=s1"),
                      line)
        XCTAssertEqual(target.latestUpdateID, 0, "an entry learned from a peer is not pushed again")
    }

    func testHandshakeStatusesAreHAProxys() {
        let peers: Set<String> = ["A", "B"]
        func judge(_ text: String) -> Int { PeerHandshake.judge(text.components(separatedBy: "\n"), localName: "B", knownPeers: peers).0.rawValue }
        XCTAssertEqual(judge("HAProxyS 2.1\nB\nA 42 1"), 200)
        XCTAssertEqual(judge("HAProxyS 2.0\nB\nA 42 1"), 200)
        XCTAssertEqual(judge("HAProxyS 2.2\nB\nA 42 1"), 502)
        XCTAssertEqual(judge("HAProxyS 3.0\nB\nA 42 1"), 502)
        XCTAssertEqual(judge("HTTP/1.1 2.1\nB\nA 42 1"), 501)
        XCTAssertEqual(judge("HAProxyS 2.1\nC\nA 42 1"), 503)
        XCTAssertEqual(judge("HAProxyS 2.1\nB\nZ 42 1"), 504)
        XCTAssertEqual(PeerHandshake.hello(to: "hapA", from: "py", pid: 4242), "HAProxyS 2.1\nhapA\npy 4242 1\n")
    }
}
