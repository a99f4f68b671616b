@testable import ProxyEngine
import XCTest

/// `FrequencyCounter` against values worked out by hand from HAProxy 2.6's
/// `update_freq_ctr_period` and `freq_ctr_total` (include/haproxy/freq_ctr.h,
/// src/freq_ctr.c; ../shared/reference/haproxy-ops.md §6.6), period 10 s.
final class FrequencyCounterTests: XCTestCase {
    let period: UInt32 = 10_000

    func testTheFirstEventStartsAPeriodAtAnEvenTick() {
        var counter = FrequencyCounter()
        // now − 0 ≥ period: rotate; two periods missed, so previous = 0 and the tick is now with bit 0 cleared.
        XCTAssertEqual(counter.add(1, period: period, now: 1_000_001), 1)
        XCTAssertEqual(counter, FrequencyCounter(currentTick: 1_000_000, current: 1, previous: 0))
        XCTAssertEqual(counter.rate(period: period, now: 1_000_001), 1)
    }

    func testEventsInsideThePeriodAddUp() {
        var counter = FrequencyCounter()
        counter.add(1, period: period, now: 1_000_000)
        for _ in 0..<4 { counter.add(1, period: period, now: 1_002_000) }
        XCTAssertEqual(counter.current, 5)
        XCTAssertEqual(counter.rate(period: period, now: 1_005_000), 5)
    }

    func testThePreviousPeriodWeighsWhatIsLeftOfIt() {
        var counter = FrequencyCounter()
        counter.add(1, period: period, now: 1_000_000)
        for _ in 0..<4 { counter.add(1, period: period, now: 1_002_000) }
        // remain = 1_010_000 − 1_012_500 = −2500, +period = 7500: past = 5, curr = 0 → 5×7500/10000 = 3 (integer division).
        XCTAssertEqual(counter.rate(period: period, now: 1_012_500), 3)
        // An event now rotates: previous = 5, current = 1, tick = 1_010_000 → (5×7500 + 1×10000)/10000 = 4.
        XCTAssertEqual(counter.add(1, period: period, now: 1_012_500), 1)
        XCTAssertEqual(counter, FrequencyCounter(currentTick: 1_010_000, current: 1, previous: 5))
        XCTAssertEqual(counter.rate(period: period, now: 1_012_500), 4)
        // 9000 ms into the period: (5×1000 + 1×10000)/10000 = 1.
        XCTAssertEqual(counter.rate(period: period, now: 1_019_000), 1)
    }

    func testASingleEventDoesNotFlapToZero() {
        var counter = FrequencyCounter()
        counter.add(1, period: period, now: 1_000_000)
        // past = 1, curr = 0: HAProxy returns past (1) instead of 1×5000/10000 = 0.
        XCTAssertEqual(counter.rate(period: period, now: 1_015_000), 1)
        // One millisecond past two periods: nothing is left.
        XCTAssertEqual(counter.rate(period: period, now: 1_020_001), 0)
    }

    func testTwoMissedPeriodsForgetThePast() {
        var counter = FrequencyCounter()
        for _ in 0..<7 { counter.add(1, period: period, now: 1_000_000) }
        // tick + period = 1_010_000 and now − that ≥ period: previous = 0, tick = now & ~1.
        counter.add(1, period: period, now: 1_030_003)
        XCTAssertEqual(counter, FrequencyCounter(currentTick: 1_030_002, current: 1, previous: 0))
    }

    func testTicksWrapAround32Bits() {
        let counter = FrequencyCounter(currentTick: 4_294_967_000, current: 3, previous: 0)
        // now = tick + 12000 wraps to 11704: remain = −2000 → 8000: 3×8000/10000 = 2.
        XCTAssertEqual(counter.rate(period: period, now: 11_704), 2)
        var next = counter
        XCTAssertEqual(next.add(1, period: period, now: 11_704), 1)
        XCTAssertEqual(next, FrequencyCounter(currentTick: 9_704, current: 1, previous: 3))  // 4_294_967_000 + 10_000, wrapped
    }
}
