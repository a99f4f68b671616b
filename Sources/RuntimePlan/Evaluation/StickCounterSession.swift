/// The stick counters of one stream, as the rules and fetches reach them.
/// The engine implements it over its live tables; `weir route` has none, so
/// there `track-sc` does nothing and the `sc_*` fetches fail.
public protocol StickCounterSession: AnyObject, Sendable {
    /// `track-scN`: follows the entry of `key` in `table` with counter `slot`, unless the slot already tracks one.
    func track(slot: Int, table: String, key: String)
    /// `sc-inc-gpc*`, `sc-set-gpt*` on the entry a counter tracks.
    func update(_ action: StickCounterAction)
    /// The value of an `sc_*`/`src_*` fetch; nil when it fails (counter not tracked, data not stored).
    func value(_ fetch: StickCounterFetch, source: String?) -> Int64?
    /// A `table_*` converter: the data `item` (`http_req_rate`, `gpc`…, or `in_table`: 1 when present) of the
    /// entry of `key` in `table`, without touching it; 0 without an entry, nil when the table does not store the data.
    func tableValue(_ item: String, index: Int?, table: String, key: String) -> Int64?
    /// `table_expire` (`item` "expire") or `table_idle` ("idle"): the milliseconds until the entry of `key` in
    /// `table` expires, or since it was last used, without touching it; `.some(nil)` without an entry, nil when
    /// the table or the key cannot be read.
    func tableTiming(_ item: String, table: String, key: String) -> Int64??
}

extension StickCounterSession {
    /// Without tables, every `table_*` converter fails.
    public func tableValue(_ item: String, index: Int?, table: String, key: String) -> Int64? { nil }
    /// Without tables, `table_expire` and `table_idle` fail.
    public func tableTiming(_ item: String, table: String, key: String) -> Int64?? { nil }
}

/// A stream's stick counters carried in `RequestFacts`. Two requests with the
/// same headers are the same facts whatever their counters, so it is equal to
/// any other handle.
public struct StickCounterHandle: Sendable, Hashable {
    public let session: any StickCounterSession

    public init(_ session: any StickCounterSession) { self.session = session }

    public static func == (left: StickCounterHandle, right: StickCounterHandle) -> Bool { true }
    public func hash(into hasher: inout Hasher) {}
}

/// Runs a stick-counter action of a rule on the stream's counters.
public enum StickCounterStep {
    public static func run(_ action: StickCounterAction, on request: RequestFacts) {
        guard let session = request.stickCounters?.session else { return }
        switch action.kind {
        case .track:
            guard let key = action.key, let table = action.table,
                  let sample = SampleFetcher.fetch(key, request).first else { return }
            session.track(slot: action.slot, table: table, key: sample.stringValue)
        case .incrementGPC, .setGPT:
            session.update(action)
        }
    }
}
