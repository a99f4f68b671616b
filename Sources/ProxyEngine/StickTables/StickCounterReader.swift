import RuntimePlan

/// The value of an `sc_*`/`src_*` fetch on one entry (src/stick_table.c
/// `smp_fetch_sc_*`): counters as stored, rates read at the current tick,
/// `kbytes_*` in units of 1024, the `inc_`/`clr_` forms changing the entry;
/// `gpc0`, `gpc1` and `gpt0` fall back on the arrays' elements 0 and 1 as in HAProxy.
enum StickCounterReader {
    /// nil when the table does not store the data.
    static func value(_ item: String, index: Int?, entry: StickEntry, layout: StickDataLayout, now: UInt32) -> Int64? {
        func counter(_ type: StickDataType, _ position: Int = 0) -> Int64? {
            layout.counter(type, position).map { Int64(bitPattern: entry.counters[$0]) }
        }
        func rate(_ type: StickDataType, _ position: Int = 0) -> Int64? {
            layout.rate(type, position).map { Int64(entry.rates[$0].rate(period: layout.period(type), now: now)) }
        }
        switch item {
        case "conn_cnt": return counter(.connCount)
        case "conn_cur": return counter(.connCurrent)
        case "conn_rate": return rate(.connRate)
        case "sess_cnt": return counter(.sessionCount)
        case "sess_rate": return rate(.sessionRate)
        case "http_req_cnt": return counter(.httpRequestCount)
        case "http_req_rate": return rate(.httpRequestRate)
        case "http_err_cnt": return counter(.httpErrorCount)
        case "http_err_rate": return rate(.httpErrorRate)
        case "http_fail_cnt": return counter(.httpFailCount)
        case "http_fail_rate": return rate(.httpFailRate)
        case "bytes_in_rate": return rate(.bytesInRate)
        case "bytes_out_rate": return rate(.bytesOutRate)
        case "kbytes_in": return counter(.bytesInCount).map { $0 >> 10 }
        case "kbytes_out": return counter(.bytesOutCount).map { $0 >> 10 }
        case "get_gpc0": return counter(.gpc0) ?? counter(.gpc, 0)
        case "get_gpc1": return counter(.gpc1) ?? counter(.gpc, 1)
        case "get_gpc": return counter(.gpc, index ?? 0)
        case "gpc0_rate": return rate(.gpc0Rate) ?? rate(.gpcRate, 0)
        case "gpc1_rate": return rate(.gpc1Rate) ?? rate(.gpcRate, 1)
        case "gpc_rate": return rate(.gpcRate, index ?? 0)
        case "get_gpt0": return counter(.gpt0) ?? counter(.gpt, 0)
        case "get_gpt": return counter(.gpt, index ?? 0)
        case "trackers": return Int64(entry.users)
        case "inc_gpc0": return increment(entry, layout, now, counter: layout.counter(.gpc0) ?? layout.counter(.gpc, 0),
                                          rate: rateSlot(layout, .gpc0Rate, 0))
        case "inc_gpc1": return increment(entry, layout, now, counter: layout.counter(.gpc1) ?? layout.counter(.gpc, 1),
                                          rate: rateSlot(layout, .gpc1Rate, 1))
        case "inc_gpc": return increment(entry, layout, now, counter: layout.counter(.gpc, index ?? 0),
                                         rate: layout.rate(.gpcRate, index ?? 0).map { ($0, layout.period(.gpcRate)) })
        case "clr_gpc0": return clear(entry, layout.counter(.gpc0) ?? layout.counter(.gpc, 0))
        case "clr_gpc1": return clear(entry, layout.counter(.gpc1) ?? layout.counter(.gpc, 1))
        case "clr_gpc": return clear(entry, layout.counter(.gpc, index ?? 0))
        case "updt_conn_cnt":
            guard let slot = layout.counter(.connCount) else { return nil }
            entry.counters[slot] &+= 1
            return Int64(bitPattern: entry.counters[slot])
        default: return nil
        }
    }

    /// Whether reading `item` changes the entry (so its expiry restarts).
    static func changes(_ item: String) -> Bool {
        item.hasPrefix("inc_") || item.hasPrefix("clr_") || item == "updt_conn_cnt"
    }

    /// `gpc0_rate` (or `gpc_rate` element `index`) with its period.
    private static func rateSlot(_ layout: StickDataLayout, _ type: StickDataType, _ index: Int) -> (Int, UInt32)? {
        if let slot = layout.rate(type) { return (slot, layout.period(type)) }
        return layout.rate(.gpcRate, index).map { ($0, layout.period(.gpcRate)) }
    }

    /// `sc_inc_gpc0`: the rate counts one more, then the counter; returns the counter (or the rate's current count).
    private static func increment(_ entry: StickEntry, _ layout: StickDataLayout, _ now: UInt32, counter: Int?,
                                  rate: (Int, UInt32)?) -> Int64 {
        var result: Int64 = 0
        if let (slot, period) = rate {
            entry.rates[slot].add(1, period: period, now: now)
            result = Int64(entry.rates[slot].current)
        }
        if let counter {
            entry.counters[counter] &+= 1
            result = Int64(bitPattern: entry.counters[counter])
        }
        return result
    }

    /// `sc_clr_gpc0`: returns the value before setting it to zero.
    private static func clear(_ entry: StickEntry, _ slot: Int?) -> Int64? {
        guard let slot else { return nil }
        defer { entry.counters[slot] = 0 }
        return Int64(bitPattern: entry.counters[slot])
    }
}
