/// HAProxy's `freq_ctr` (include/haproxy/freq_ctr.h, src/freq_ctr.c): the
/// events of the current period and of the previous one, read as a sliding
/// window in which the previous period weighs what is left of it. The
/// arithmetic is HAProxy's, to the bit (32-bit ticks and counts that wrap,
/// the tick's lowest bit cleared), so the same events at the same times
/// give the same rates.
struct FrequencyCounter: Sendable, Hashable {
    /// The start of the current period, in milliseconds (always even).
    var currentTick: UInt32 = 0
    /// Events in the current period.
    var current: UInt32 = 0
    /// Events in the previous period.
    var previous: UInt32 = 0

    /// Counts `amount` events at `now` (`update_freq_ctr_period`); returns the current period's count.
    @discardableResult
    mutating func add(_ amount: UInt32, period: UInt32, now: UInt32) -> UInt32 {
        if now &- currentTick < period {
            current &+= amount
            return current
        }
        previous = current
        current = amount
        var tick = currentTick &+ period
        if now &- tick >= period {
            // Two periods or more went by without an event.
            previous = 0
            tick = now
        }
        currentTick = tick & ~1
        return amount
    }

    /// The events over the last `period` at `now` (`read_freq_ctr_period`).
    func rate(period: UInt32, now: UInt32) -> UInt32 {
        var recent = UInt64(current), past = UInt64(previous)
        var remain = Int32(bitPattern: currentTick &+ period &- now)
        if remain < 0 {
            // Past the current period: only a part of it may still be in the window.
            remain = remain &+ Int32(bitPattern: period)
            past = remain >= 0 ? recent : 0
            recent = 0
        }
        // HAProxy's flapping correction at very low rates.
        if recent == 0, past <= 1 { return UInt32(truncatingIfNeeded: past) }
        let weighted = past &* UInt64(bitPattern: Int64(remain)) &+ recent &* UInt64(period)
        return UInt32(truncatingIfNeeded: weighted / UInt64(period))
    }
}
