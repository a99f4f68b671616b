import RuntimePlan

/// The runtime API's `show table` output for a table, in HAProxy 2.6's
/// format (src/stick_table.c `table_dump_entry_to_buffer`):
/// `# table: fe, type: ip, size:102400, used:1` then one line per entry,
/// `0x…: key=127.0.0.1 use=0 exp=57234 conn_cur=0 http_req_rate(10000)=3`,
/// entries in key order, the data in data-type order, rates read at dump time, array elements
/// numbered (`gpc0=`, `gpc1_rate(1000)=`).
enum StickTableDump {
    /// The header line of `show table` (without a name) and of `show table NAME`.
    static func header(_ table: StickTable, used: Int) -> String {
        "# table: \(table.plan.name), type: \(table.plan.keyType.rawValue), size:\(table.plan.size), used:\(used)\n"
    }

    /// `show table NAME`: the header and the entries `include` keeps.
    static func dump(_ table: StickTable, include: (StickEntry, UInt32) -> Bool = { _, _ in true }) -> String {
        let (entries, now) = table.snapshot()
        var text = header(table, used: entries.count)
        let ticks = UInt32(truncatingIfNeeded: now)
        // HAProxy walks its key tree: entries in the order of their key bytes.
        for entry in entries.sorted(by: { $0.key.bytes.lexicographicallyPrecedes($1.key.bytes) }) {
            let line: String? = table.withData(entry) { entry, _ in
                include(entry, ticks) ? self.line(entry, table: table, now: now) : nil
            }
            if let line { text += line }
        }
        return text
    }

    /// One entry's line.
    static func line(_ entry: StickEntry, table: StickTable, now: Int64) -> String {
        let layout = table.layout, ticks = UInt32(truncatingIfNeeded: now)
        let address = UInt(bitPattern: ObjectIdentifier(entry).hashValue)
        let remaining = entry.expiresAt.map { max($0 - now, 0) } ?? 0
        var text = "0x\(String(address, radix: 16)): key=\(entry.key.text(table.plan.keyType)) use=\(entry.users) exp=\(remaining)"
        for stored in layout.stored {
            let type = stored.type
            let period = layout.period(type)
            for index in 0..<(stored.count ?? 1) {
                var name = type.rawValue
                if type.isArray {
                    let parts = name.split(separator: "_", maxSplits: 1)
                    name = parts[0] + String(index) + (parts.count > 1 ? "_" + parts[1] : "")
                }
                if type.isRate { name += "(\(period))" }
                let value: String
                if type == .serverKey {
                    value = entry.serverKey ?? "-"
                } else if let slot = layout.rate(type, index) {
                    value = String(entry.rates[slot].rate(period: period, now: ticks))
                } else if let slot = layout.counter(type, index) {
                    value = type == .serverID ? String(Int32(truncatingIfNeeded: Int64(bitPattern: entry.counters[slot])))
                        : String(entry.counters[slot])
                } else {
                    continue
                }
                text += " \(name)=\(value)"
            }
        }
        return text + "\n"
    }
}
