import NIOConcurrencyHelpers
@testable import ProxyEngine
import RuntimePlan
import XCTest

/// `StickTable` on a clock the test moves: tracking, expiry, eviction of
/// the least recently touched entries, `nopurge`, and the fetch values.
final class StickTableTests: XCTestCase {
    private let source = SourceRef(file: "unit.cfg", line: 1, column: 1)
    private let time = NIOLockedValueBox<Int64>(5_000_000)

    private func table(size: Int = 100, expireMs: Int? = 60_000, nopurge: Bool = false,
                       store: [StickDataPlan] = [StickDataPlan(type: .connCurrent),
                                                 StickDataPlan(type: .httpRequestRate, periodMs: 10_000)]) -> StickTable {
        let clock = time
        return StickTable(StickTablePlan(name: "fe", keyType: .ip, keyLength: 4, size: size, expireMs: expireMs, nopurge: nopurge,
                                         stored: store, source: source),
                          clock: { clock.withLockedValue { $0 } })
    }

    private func key(_ text: String, _ table: StickTable) throws -> StickKey { try XCTUnwrap(StickKey(text, for: table.plan)) }

    private func read(_ item: String, _ entry: StickEntry, _ table: StickTable) -> Int64? {
        table.withData(entry) { entry, now in StickCounterReader.value(item, index: nil, entry: entry, layout: table.layout, now: now) }
    }

    func testTrackingCountsConnectionsAndReleaseRestartsTheExpiry() throws {
        let table = table()
        let entry = try XCTUnwrap(table.track(try key("10.0.0.1", table)))
        XCTAssertEqual(read("conn_cur", entry, table), 1)
        XCTAssertEqual(read("trackers", entry, table), 1)
        table.countRequest(entry)
        table.countRequest(entry)
        XCTAssertEqual(read("http_req_rate", entry, table), 2)
        XCTAssertNil(read("conn_cnt", entry, table), "not stored: the fetch fails")
        // A tracked entry outlives its expiry.
        time.withLockedValue { $0 += 120_000 }
        XCTAssertEqual(table.count, 1)
        table.release(entry)
        XCTAssertEqual(read("conn_cur", entry, table), 0)
        time.withLockedValue { $0 += 59_999 }
        XCTAssertEqual(table.count, 1)
        time.withLockedValue { $0 += 1 }
        XCTAssertEqual(table.count, 0)
    }

    func testAFullTableDropsTheOldestUntrackedEntriesInBatches() throws {
        // size 512: (512 >> 8) + 1 = 3 entries go at once.
        let table = table(size: 512)
        var tracked: StickEntry?
        for index in 0..<512 {
            time.withLockedValue { $0 += 1 }
            let entry = try XCTUnwrap(table.track(try key("10.0.\(index / 256).\(index % 256)", table)))
            if index == 0 { tracked = entry } else { table.release(entry) }
        }
        XCTAssertEqual(table.count, 512)
        _ = try XCTUnwrap(table.track(try key("10.9.9.9", table)))
        XCTAssertEqual(table.count, 510)
        XCTAssertNotNil(table.entry(try key("10.0.0.0", table)), "tracked entries are never dropped")
        XCTAssertNil(table.entry(try key("10.0.0.1", table)))
        XCTAssertNil(table.entry(try key("10.0.0.3", table)))
        XCTAssertNotNil(table.entry(try key("10.0.0.4", table)))
        XCTAssertNotNil(tracked)
    }

    func testNopurgeRefusesNewKeysWhenFull() throws {
        let table = table(size: 2, nopurge: true)
        for address in ["10.0.0.1", "10.0.0.2"] { table.release(try XCTUnwrap(table.track(try key(address, table)))) }
        XCTAssertNil(table.track(try key("10.0.0.3", table)))
        XCTAssertNotNil(table.track(try key("10.0.0.1", table)))
    }

    func testTouchingAnEntryKeepsItFromEviction() throws {
        let table = table(size: 3)
        for address in ["10.0.0.1", "10.0.0.2", "10.0.0.3"] {
            time.withLockedValue { $0 += 1 }
            table.release(try XCTUnwrap(table.track(try key(address, table))))
        }
        time.withLockedValue { $0 += 1 }
        table.release(try XCTUnwrap(table.track(try key("10.0.0.1", table))))
        table.release(try XCTUnwrap(table.track(try key("10.0.0.4", table))))
        XCTAssertNotNil(table.entry(try key("10.0.0.1", table)))
        XCTAssertNil(table.entry(try key("10.0.0.2", table)))
    }

    func testGeneralPurposeCountersFallBackOnTheArrays() throws {
        let table = table(store: [StickDataPlan(type: .gpc, count: 2), StickDataPlan(type: .gpcRate, periodMs: 1_000, count: 2)])
        let entry = try XCTUnwrap(table.entry(try key("10.0.0.1", table), making: true))
        XCTAssertEqual(read("inc_gpc0", entry, table), 1)
        XCTAssertEqual(read("inc_gpc1", entry, table), 1)
        XCTAssertEqual(read("inc_gpc1", entry, table), 2)
        XCTAssertEqual(read("get_gpc0", entry, table), 1)
        XCTAssertEqual(read("gpc1_rate", entry, table), 2)
        XCTAssertEqual(read("clr_gpc1", entry, table), 2)
        XCTAssertEqual(read("get_gpc1", entry, table), 0)
    }

    func testKeysTakeTheTableForm() {
        let plan = { (type: StickTablePlan.KeyType, length: Int) in
            StickTablePlan(name: "t", keyType: type, keyLength: length, size: 1, source: self.source)
        }
        XCTAssertEqual(StickKey("::ffff:10.1.2.3", for: plan(.ip, 4))?.bytes, [10, 1, 2, 3])
        XCTAssertNil(StickKey("2001:db8::1", for: plan(.ip, 4)))
        XCTAssertEqual(StickKey("10.1.2.3", for: plan(.ipv6, 16))?.text(.ipv6), "::ffff:10.1.2.3")
        XCTAssertEqual(StickKey("2001:db8::1", for: plan(.ipv6, 16))?.text(.ipv6), "2001:db8::1")
        XCTAssertEqual(StickKey("abcdef", for: plan(.string, 4))?.text(.string), "abcd")
        XCTAssertEqual(StickKey("ab", for: plan(.binary, 4))?.text(.binary), "61620000")
        XCTAssertEqual(StickKey("-5", for: plan(.integer, 4))?.text(.integer), "4294967291")
    }
}
