import ConfigDiagnostics
import HAProxyConfig
import XCTest

/// `StickTableSpec` reads a stick table's declaration as HAProxy does; the checker's table rules and the planner
/// both read it.
final class StickTableSpecTests: XCTestCase {
    static let line = SourceFile(path: "t.cfg", text: "").range(0, 0)

    static func spec(_ text: String, peersSection: String? = nil) -> StickTableSpec {
        StickTableSpec(words: text.split(separator: " ").map(String.init), ranges: [], line: line, name: "t",
                       peersSection: peersSection)
    }

    func testEverySettingIsRead() {
        let table = Self.spec("type string len 64 size 1m expire 30m nopurge peers mesh store gpc(3),gpc_rate(3,1m) store conn_cur")
        XCTAssertEqual(table.keyType, .string)
        XCTAssertEqual(table.keyLength, "64")
        XCTAssertEqual(table.size, "1m")
        XCTAssertEqual(table.expire, "30m")
        XCTAssertTrue(table.nopurge)
        XCTAssertEqual(table.peers?.text, "mesh")
        XCTAssertEqual(table.stored.map(\.name), ["gpc", "gpc_rate", "conn_cur"])
        XCTAssertEqual(table.stored.map(\.arguments), [["3"], ["3", "1m"], nil])
        XCTAssertEqual(table.problems, [])
        XCTAssertTrue(table.stores("gpc0", updating: true))
        XCTAssertFalse(table.stores("http_req_rate", updating: false))
    }

    func testTheFirstRefusedWordIsReportedAndTheRestStillRead() {
        let table = Self.spec("type ip size 10x store http_req_rate bogus store conn_cur")
        XCTAssertEqual(table.problems.map(\.message), ["'10x' is not a size"])
        XCTAssertEqual(table.storedNames, ["http_req_rate", "conn_cur"])
        XCTAssertEqual(Self.spec("type ip size 1 store http_req_rate").problems.map(\.message),
                       ["missing argument to store option 'http_req_rate'"])
        XCTAssertEqual(Self.spec("type ip size 1 store gpc(2").problems.map(\.message),
                       ["missing closing parenthesis after store option 'gpc'"])
        XCTAssertEqual(Self.spec("type nope size 1").problems.map(\.message), ["unknown type 'nope'"])
        XCTAssertEqual(Self.spec("type ip size").problems.map(\.message), ["missing argument after 'size'"])
        XCTAssertEqual(Self.spec("expire 10s").problems.map(\.message), ["the table has no 'size'", "the table has no 'type'"])
    }

    func testAPeersTableTakesNoPeersWord() {
        XCTAssertEqual(Self.spec("type ip size 1 peers mesh", peersSection: "mesh").problems.map(\.message),
                       ["unknown argument 'peers'"])
    }
}
