import NIOConcurrencyHelpers
import NIOCore
import RuntimePlan

/// One live stick table, shared by every event loop. Each operation takes
/// the table's lock for a few dictionary and counter steps only. Entries
/// are kept in touch order: when the table is full, the least recently
/// touched entries nobody tracks go first, `(size >> 8) + 1` at a time as
/// in HAProxy (`__stksess_alloc`); with `nopurge` a full table refuses new keys.
final class StickTable: @unchecked Sendable {
    let plan: StickTablePlan
    let layout: StickDataLayout
    private let lock = NIOLock()
    private var entries: [StickKey: StickEntry] = [:]
    private var oldest: StickEntry?
    private var newest: StickEntry?
    /// The entries in the order of their last local change, for the peers (shared tables only).
    private var oldestUpdate: StickEntry?
    private var newestUpdate: StickEntry?
    /// The last local update id given (`localupdate`); each local change of a shared entry takes the next.
    private var lastUpdateID: UInt32 = 0
    /// Whether the table is shared through a peers section (local changes are numbered for the pushes).
    let isShared: Bool
    /// Milliseconds on a monotonic clock.
    private let clock: @Sendable () -> Int64

    init(_ plan: StickTablePlan, clock: @escaping @Sendable () -> Int64 = StickTable.monotonicMilliseconds) {
        self.plan = plan
        self.layout = StickDataLayout(plan)
        self.clock = clock
        self.isShared = plan.peers != nil
    }

    /// The touch and update orders are chains of strong references: released one link at a time here,
    /// or a table of many entries would release them recursively and overflow the stack.
    deinit {
        var cursor = oldest
        while let entry = cursor {
            cursor = entry.newer
            entry.newer = nil
            entry.updateNewer = nil
        }
        var updates = oldestUpdate
        while let entry = updates {
            updates = entry.updateNewer
            entry.updateNewer = nil
        }
    }

    /// The process's monotonic clock in milliseconds.
    static let monotonicMilliseconds: @Sendable () -> Int64 = {
        Int64(truncatingIfNeeded: NIODeadline.now().uptimeNanoseconds / 1_000_000)
    }

    /// The entries now in the table (expired ones nobody tracks are dropped first).
    var count: Int {
        lock.withLock {
            purgeExpired(clock(), limit: .max)
            return entries.count
        }
    }

    // MARK: Tracking

    /// Starts tracking the entry of `key`, made if missing (`stream_track_stkctr`):
    /// conn_cur, conn_cnt and conn_rate count one more; nil when a full `nopurge` table has no room.
    func track(_ key: StickKey) -> StickEntry? {
        lock.withLock {
            let now = clock()
            guard let entry = findOrMake(key, now) else { return nil }
            entry.users += 1
            add(.connCurrent, 1, entry)
            add(.connCount, 1, entry)
            hit(.connRate, 1, entry, now)
            touch(entry, now)
            return entry
        }
    }

    /// Stops one tracking of the entry (`stream_store_counters`): conn_cur goes down, the expiry restarts.
    func release(_ entry: StickEntry) {
        lock.withLock {
            let now = clock()
            entry.users = max(entry.users - 1, 0)
            if let slot = layout.counter(.connCurrent), entry.counters[slot] > 0 { entry.counters[slot] -= 1 }
            touch(entry, now)
        }
    }

    /// One more HTTP request (`http_req_cnt`, `http_req_rate`).
    func countRequest(_ entry: StickEntry) { count(entry, .httpRequestCount, .httpRequestRate, 1) }
    /// One more 4xx answer or denied request (`http_err_cnt`, `http_err_rate`).
    func countError(_ entry: StickEntry) { count(entry, .httpErrorCount, .httpErrorRate, 1) }
    /// One more 5xx answer other than 501 and 505 (`http_fail_cnt`, `http_fail_rate`).
    func countFailure(_ entry: StickEntry) { count(entry, .httpFailCount, .httpFailRate, 1) }
    /// One more session (`sess_cnt`, `sess_rate`).
    func countSession(_ entry: StickEntry) { count(entry, .sessionCount, .sessionRate, 1) }

    /// Bytes from the client (`bytes_in_*`) and toward it (`bytes_out_*`).
    func countBytes(_ entry: StickEntry, in received: Int, out sent: Int) {
        if received > 0 { count(entry, .bytesInCount, .bytesInRate, UInt64(received)) }
        if sent > 0 { count(entry, .bytesOutCount, .bytesOutRate, UInt64(sent)) }
    }

    private func count(_ entry: StickEntry, _ total: StickDataType, _ rate: StickDataType, _ amount: UInt64) {
        guard layout.counter(total) != nil || layout.rate(rate) != nil else { return }
        lock.withLock {
            let now = clock()
            add(total, amount, entry)
            hit(rate, UInt32(truncatingIfNeeded: amount), entry, now)
            touch(entry, now)
        }
    }

    // MARK: Lookups

    /// The entry of `key` if present and alive; with `making`, made when missing (`src_inc_gpc0`).
    func entry(_ key: StickKey, making: Bool = false) -> StickEntry? {
        lock.withLock {
            let now = clock()
            if making { return findOrMake(key, now) }
            return find(key, now)
        }
    }

    /// The milliseconds until an entry expires and since it was last used (HAProxy's `table_expire` and
    /// `table_idle`: the table's `expire` less what remains); both 0 in a table without `expire`.
    func timing(of entry: StickEntry) -> (remainingMs: Int64, idleMs: Int64) {
        lock.withLock {
            let now = clock()
            let remaining = max(0, (entry.expiresAt ?? now) - now)
            return (remaining, max(0, Int64(plan.expireMs ?? 0) - remaining))
        }
    }

    /// Runs `body` on an entry's data under the table's lock, with the time in ticks; touches the entry when `touching`.
    func withData<T>(_ entry: StickEntry, touching: Bool = false, _ body: (StickEntry, UInt32) -> T) -> T {
        lock.withLock {
            let now = clock()
            let result = body(entry, UInt32(truncatingIfNeeded: now))
            if touching { touch(entry, now) }
            return result
        }
    }

    /// A copy of the live entries in touch order with the time, for `show table`.
    func snapshot() -> (entries: [StickEntry], now: Int64) {
        lock.withLock {
            let now = clock()
            purgeExpired(now, limit: .max)
            var list: [StickEntry] = []
            list.reserveCapacity(entries.count)
            var cursor = oldest
            while let entry = cursor {
                list.append(entry)
                cursor = entry.newer
            }
            return (list, now)
        }
    }

    /// Removes every entry nobody tracks for which `matches` holds (`clear table`).
    func removeAll(where matches: (StickEntry, UInt32) -> Bool) {
        lock.withLock {
            let ticks = UInt32(truncatingIfNeeded: clock())
            var cursor = oldest
            while let entry = cursor {
                cursor = entry.newer
                if entry.users == 0, matches(entry, ticks) { unlink(entry) }
            }
        }
    }

    /// Removes the entry of `key` unless it is tracked; false when it is tracked.
    func remove(_ key: StickKey) -> Bool {
        lock.withLock {
            guard let entry = entries[key] else { return true }
            guard entry.users == 0 else { return false }
            unlink(entry)
            return true
        }
    }

    // MARK: Peers

    /// The last local update id (`localupdate`): pushes are due while a peer has not been sent it.
    var latestUpdateID: UInt32 { lock.withLock { lastUpdateID } }

    /// Calls `body` under the lock, with the time, for each entry changed here after update `id`
    /// (oldest change first), at most `limit`; returns the last id visited.
    func forEachLocalChange(after id: UInt32, limit: Int, _ body: (StickEntry, Int64) -> Void) -> UInt32 {
        lock.withLock {
            let now = clock()
            var cursor = newestUpdate
            // Walk back to the first change after `id`, then forward (ids only grow along the list).
            while let entry = cursor, let older = entry.updateOlder, older.updateID > id { cursor = older }
            var last = id, sent = 0
            while let entry = cursor, sent < limit {
                if entry.updateID > id {
                    body(entry, now)
                    last = entry.updateID
                    sent += 1
                }
                cursor = entry.updateNewer
            }
            return last
        }
    }

    /// The live entries and the last local update id, for a full resync's lesson (sent a part at a time).
    func lessonEntries() -> (entries: [StickEntry], lastUpdateID: UInt32) {
        let (entries, _) = snapshot()
        return (entries, lock.withLock { lastUpdateID })
    }

    /// Calls `body` under the lock, with the time, for each of `entries`.
    func withEntries(_ entries: ArraySlice<StickEntry>, _ body: (StickEntry, Int64) -> Void) {
        lock.withLock {
            let now = clock()
            for entry in entries { body(entry, now) }
        }
    }

    /// Stores what a peer sent for `key` (`peer_treat_updatemsg`): the entry is made if missing, `body` writes its
    /// data under the lock, the expiry is the peer's (`expireMs`) or the table's; the change is not pushed again.
    func applyRemote(_ key: StickKey, expireMs: UInt32?, _ body: (StickEntry, Int64) -> Void) {
        lock.withLock {
            let now = clock()
            guard let entry = findOrMake(key, now, local: false) else { return }
            body(entry, now)
            touch(entry, now, local: false)
            if let expireMs, plan.expireMs != nil { entry.expiresAt = now + Int64(expireMs) }
        }
    }

    // MARK: Under the lock

    private func add(_ type: StickDataType, _ amount: UInt64, _ entry: StickEntry) {
        if let slot = layout.counter(type) { entry.counters[slot] &+= amount }
    }

    private func hit(_ type: StickDataType, _ amount: UInt32, _ entry: StickEntry, _ now: Int64) {
        if let slot = layout.rate(type) {
            entry.rates[slot].add(amount, period: layout.period(type), now: UInt32(truncatingIfNeeded: now))
        }
    }

    private func find(_ key: StickKey, _ now: Int64) -> StickEntry? {
        purgeExpired(now, limit: 8)
        guard let entry = entries[key] else { return nil }
        if entry.users == 0, let expiry = entry.expiresAt, expiry <= now {
            unlink(entry)
            return nil
        }
        return entry
    }

    private func findOrMake(_ key: StickKey, _ now: Int64, local: Bool = true) -> StickEntry? {
        if let found = find(key, now) { return found }
        if entries.count >= plan.size {
            if plan.nopurge { return nil }
            trashOldest((plan.size >> 8) + 1)
            if entries.count >= plan.size { return nil }
        }
        let entry = StickEntry(key: key, layout: layout)
        entries[key] = entry
        append(entry)
        touch(entry, now, local: local)
        return entry
    }

    /// Refreshes the expiry and moves the entry to the newest end; a local change of a shared entry takes a new update id.
    private func touch(_ entry: StickEntry, _ now: Int64, local: Bool = true) {
        entry.expiresAt = plan.expireMs.map { now + Int64($0) }
        if isShared, local { numberUpdate(entry) }
        guard newest !== entry else { return }
        detach(entry)
        append(entry)
    }

    private func numberUpdate(_ entry: StickEntry) {
        lastUpdateID &+= 1
        if lastUpdateID == 0 { lastUpdateID = 1 }
        entry.updateID = lastUpdateID
        detachUpdate(entry)
        entry.updateOlder = newestUpdate
        newestUpdate?.updateNewer = entry
        newestUpdate = entry
        if oldestUpdate == nil { oldestUpdate = entry }
    }

    private func detachUpdate(_ entry: StickEntry) {
        if let older = entry.updateOlder { older.updateNewer = entry.updateNewer } else if oldestUpdate === entry {
            oldestUpdate = entry.updateNewer
        }
        if let newer = entry.updateNewer { newer.updateOlder = entry.updateOlder } else if newestUpdate === entry {
            newestUpdate = entry.updateOlder
        }
        entry.updateOlder = nil
        entry.updateNewer = nil
    }

    /// Drops up to `count` of the oldest entries nobody tracks.
    private func trashOldest(_ count: Int) {
        var removed = 0
        var cursor = oldest
        while removed < count, let entry = cursor {
            cursor = entry.newer
            guard entry.users == 0 else { continue }
            unlink(entry)
            removed += 1
        }
    }

    /// Drops expired entries from the old end; a tracked one is passed over (it expires only once released).
    private func purgeExpired(_ now: Int64, limit: Int) {
        var cursor = oldest, seen = 0
        while seen < limit, let entry = cursor, let expiry = entry.expiresAt, expiry <= now {
            cursor = entry.newer
            seen += 1
            if entry.users == 0 { unlink(entry) }
        }
    }

    private func unlink(_ entry: StickEntry) {
        detach(entry)
        detachUpdate(entry)
        entries[entry.key] = nil
    }

    private func detach(_ entry: StickEntry) {
        if let older = entry.older { older.newer = entry.newer } else if oldest === entry { oldest = entry.newer }
        if let newer = entry.newer { newer.older = entry.older } else if newest === entry { newest = entry.older }
        entry.older = nil
        entry.newer = nil
    }

    private func append(_ entry: StickEntry) {
        entry.older = newest
        newest?.newer = entry
        newest = entry
        if oldest == nil { oldest = entry }
    }
}
