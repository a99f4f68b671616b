@testable import ProxyEngine
import RuntimePlan
import XCTest

/// A table of many entries, shared through peers (two chains of entries),
/// is released without recursing through its chains (which overflowed the
/// stack when a process with 100,000 entries stopped).
final class StickTableReleaseTests: XCTestCase {
    func testALargeSharedTableIsReleasedWithoutOverflowingTheStack() throws {
        let plan = StickTablePlan(name: "st", keyType: .integer, keyLength: 4, size: 300_000, peers: "mesh",
                                  stored: [StickDataPlan(type: .gpc0)], source: SourceRef(file: "t", line: 1, column: 1))
        var table: StickTable? = StickTable(plan)
        for number in 0..<250_000 {
            _ = try XCTUnwrap(table?.entry(XCTUnwrap(StickKey(String(number), for: plan)), making: true))
        }
        XCTAssertEqual(table?.count, 250_000)
        XCTAssertEqual(table?.latestUpdateID, 250_000)
        table = nil
    }
}
