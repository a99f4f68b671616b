import RuntimePlan

/// The stick counters (sc0, sc1, sc2) of a connection (`tcp-request
/// connection track-sc*`) or of one HTTP request's stream (`http-request
/// track-sc*`). A stream's fetches fall back on its connection's counters,
/// as HAProxy's `smp_fetch_sc_stkctr` does. Used on its connection's event loop only.
final class TrackedCounters: StickCounterSession, @unchecked Sendable {
    /// A tracked entry and its table.
    struct Tracked {
        let table: StickTable
        let entry: StickEntry
    }

    static let slotCount = 3
    private let tables: StickTableSet
    /// The table of `src_*` fetches that name none: the frontend's.
    private let defaultTable: String
    /// The connection's counters, for a stream.
    let connection: TrackedCounters?
    private(set) var slots = [Tracked?](repeating: nil, count: TrackedCounters.slotCount)
    /// Whether tracking here counts the current HTTP request (`http-request track-sc*`).
    private let countsRequestOnTrack: Bool

    init(tables: StickTableSet, defaultTable: String, connection: TrackedCounters?, countsRequestOnTrack: Bool) {
        self.tables = tables
        self.defaultTable = defaultTable
        self.connection = connection
        self.countsRequestOnTrack = countsRequestOnTrack
    }

    /// A stream for a new HTTP request: the connection's tracked entries count it (`stream_inc_http_req_ctr`).
    static func stream(for connection: TrackedCounters?, tables: StickTableSet, defaultTable: String) -> TrackedCounters {
        connection?.slots.forEach { $0.map { $0.table.countRequest($0.entry) } }
        return TrackedCounters(tables: tables, defaultTable: defaultTable, connection: connection, countsRequestOnTrack: true)
    }

    func track(slot: Int, table name: String, key text: String) {
        guard slots.indices.contains(slot), slots[slot] == nil, let table = tables[name],
              let key = StickKey(text, for: table.plan), let entry = table.track(key) else { return }
        slots[slot] = Tracked(table: table, entry: entry)
        if countsRequestOnTrack { table.countRequest(entry) }
    }

    func update(_ action: StickCounterAction) {
        guard let tracked = tracked(action.slot), let data = action.data else { return }
        let layout = tracked.table.layout
        tracked.table.withData(tracked.entry, touching: true) { entry, now in
            switch action.kind {
            case .incrementGPC:
                let item = data == .gpc ? "inc_gpc" : "inc_" + data.rawValue
                _ = StickCounterReader.value(item, index: action.index, entry: entry, layout: layout, now: now)
            case .setGPT:
                let slot = data == .gpt0 ? (layout.counter(.gpt0) ?? layout.counter(.gpt, 0)) : layout.counter(.gpt, action.index)
                if let slot, let value = action.value { entry.counters[slot] = UInt64(UInt32(truncatingIfNeeded: value)) }
            case .track:
                break
            }
        }
    }

    func value(_ fetch: StickCounterFetch, source: String?) -> Int64? {
        switch fetch.origin {
        case .slot(let slot):
            if fetch.item == "tracked" { return tracked(slot) == nil ? 0 : 1 }
            guard let tracked = tracked(slot) else { return nil }
            guard let other = fetch.table else { return read(fetch, tracked.table, tracked.entry) }
            // Another table: the same key there, 0 when absent.
            guard let table = tables[other] else { return nil }
            guard let entry = table.entry(tracked.entry.key) else { return 0 }
            return read(fetch, table, entry)
        case .source:
            guard let table = tables[fetch.table ?? defaultTable], let source, let key = StickKey(source, for: table.plan) else {
                return nil
            }
            let making = StickCounterReader.changes(fetch.item)
            guard let entry = table.entry(key, making: making) else { return 0 }
            return read(fetch, table, entry)
        }
    }

    func tableValue(_ item: String, index: Int?, table name: String, key text: String) -> Int64? {
        guard let table = tables[name], let key = StickKey(text, for: table.plan) else { return nil }
        guard let entry = table.entry(key) else { return 0 }
        if item == TableConverter.inTable { return 1 }
        // HAProxy's lookup holds the entry while the converter reads it, so its own reference is counted.
        if item == "trackers" { return table.withData(entry) { entry, _ in Int64(entry.users) + 1 } }
        if item == "server_id" {
            guard let slot = table.layout.counter(.serverID) else { return nil }
            return table.withData(entry) { entry, _ in Int64(bitPattern: entry.counters[slot]) }
        }
        // The counters' fetches are `sc_get_gpc0`…; the rates keep their names.
        let reader = ["gpc0", "gpc1", "gpt0", "gpc", "gpt"].contains(item) ? "get_" + item : item
        return table.withData(entry) { entry, now in
            StickCounterReader.value(reader, index: index, entry: entry, layout: table.layout, now: now)
        }
    }

    func tableTiming(_ item: String, table name: String, key text: String) -> Int64?? {
        guard let table = tables[name], let key = StickKey(text, for: table.plan) else { return nil }
        guard let entry = table.entry(key) else { return .some(nil) }
        let timing = table.timing(of: entry)
        return .some(item == "idle" ? timing.idleMs : timing.remainingMs)
    }

    private func read(_ fetch: StickCounterFetch, _ table: StickTable, _ entry: StickEntry) -> Int64? {
        table.withData(entry, touching: StickCounterReader.changes(fetch.item)) { entry, now in
            StickCounterReader.value(fetch.item, index: fetch.index, entry: entry, layout: table.layout, now: now)
        }
    }

    /// The entry counter `slot` tracks here, else on the connection.
    func tracked(_ slot: Int) -> Tracked? {
        guard slots.indices.contains(slot) else { return nil }
        return slots[slot] ?? connection?.slots[slot]
    }

    /// The entries this stream's events count on: for each counter, the stream's, else the connection's.
    private var counted: [Tracked] { (0..<Self.slotCount).compactMap(tracked) }

    /// A response went back (`stream_inc_http_err_ctr`, `stream_inc_http_fail_ctr`): 4xx are errors,
    /// 5xx other than 501 and 505 are failures.
    func countResponse(status: Int) {
        if (400..<500).contains(status) {
            counted.forEach { $0.table.countError($0.entry) }
        } else if (500..<600).contains(status), status != 501, status != 505 {
            counted.forEach { $0.table.countFailure($0.entry) }
        }
    }

    /// Bytes received from the client and sent to it.
    func countBytes(in received: Int, out sent: Int) {
        counted.forEach { $0.table.countBytes($0.entry, in: received, out: sent) }
    }

    /// The stream or connection ends: every entry tracked here is released.
    func end() {
        for index in slots.indices {
            if let tracked = slots[index] { tracked.table.release(tracked.entry) }
            slots[index] = nil
        }
    }
}
