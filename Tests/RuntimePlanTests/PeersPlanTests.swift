@testable import RuntimePlan
@testable import RuntimePlanner
import XCTest

/// `peers` sections in the plan: both forms of HAProxy 2.x, `localpeer`,
/// `disabled`, the tables declared inside, the key size a definition announces.
final class PeersPlanTests: XCTestCase {
    func testBothFormsAndTheLocalPeer() throws {
        let plan = try XCTUnwrap(compilePlan("""
        global
            localpeer lb2
        peers classic
            peer lb1 10.0.0.1:1024
            peer lb2 127.0.0.1:1024
            table sessions type string len 32 size 10k store gpc0
        peers modern
            bind 127.0.0.1:1025
            server lb1 10.0.0.1:1025
            server lb2
            disabled
        backend app
            stick-table type ip size 1k peers classic
            server s 127.0.0.1:9000

        """))
        XCTAssertEqual(plan.unsupported.map(\.directive), [])
        let peers = try XCTUnwrap(plan.peers)
        XCTAssertEqual(peers.map(\.name), ["classic", "modern"])
        XCTAssertEqual(peers.map(\.localPeer), ["lb2", "lb2"])
        XCTAssertEqual(peers[0].peers.map(\.name), ["lb1", "lb2"])
        XCTAssertEqual(peers[0].listenEndpoint(local: "lb2"), .inet(host: "127.0.0.1", port: 1024))
        XCTAssertEqual(peers[1].listenEndpoint(local: "lb2"), .inet(host: "127.0.0.1", port: 1025), "the 2.x bind line")
        XCTAssertEqual(peers[1].peers.map(\.endpoint), [.inet(host: "10.0.0.1", port: 1025), nil])
        XCTAssertEqual(peers.map(\.disabled), [false, true])
        let tables = Dictionary(uniqueKeysWithValues: plan.stickTables.map { ($0.name, $0) })
        XCTAssertEqual(tables["app"]?.peers, "classic")
        XCTAssertEqual(tables["app"]?.peersKeySize, 4)
        XCTAssertEqual(tables["classic/sessions"]?.peers, "classic")
        XCTAssertEqual(tables["classic/sessions"]?.keyLength, 32)
        XCTAssertEqual(tables["classic/sessions"]?.peersKeySize, 33, "len N announces N + 1, the NUL HAProxy counts")
    }

    func testAPlanWithoutPeersHasNone() throws {
        let plan = try XCTUnwrap(compilePlan("""
        backend app
            stick-table type string size 1k
            server s 127.0.0.1:9000

        """))
        XCTAssertNil(plan.peers)
        XCTAssertEqual(plan.stickTables.first?.peersKeySize, 32, "HAProxy's default string key size, without len")
    }
}
