import RuntimePlan

/// Where each stored data type of a table lives in an entry: integers in
/// one array, frequency counters in another, the elements of an array type
/// side by side. Made once per table.
struct StickDataLayout: Sendable {
    /// The first integer slot of each data type (by id), nil when not stored.
    let counterBase: [Int?]
    /// The first frequency-counter slot of each rate type (by id), nil when not stored.
    let rateBase: [Int?]
    /// The element count of each data type (by id): 1, or n for the arrays.
    let counts: [Int]
    /// The period of each rate type (by id), in milliseconds.
    let periods: [UInt32]
    let counterSlots: Int
    let rateSlots: Int
    /// The stored types in id order, for `show table`.
    let stored: [StickDataPlan]

    init(_ table: StickTablePlan) {
        let total = StickDataType.allCases.count
        var counterBase = [Int?](repeating: nil, count: total), rateBase = [Int?](repeating: nil, count: total)
        var counts = [Int](repeating: 1, count: total), periods = [UInt32](repeating: 1, count: total)
        var counters = 0, rates = 0
        for stored in table.stored.sorted(by: { $0.type.id < $1.type.id }) {
            let id = stored.type.id, count = stored.count ?? 1
            counts[id] = count
            if stored.type.isRate {
                rateBase[id] = rates
                rates += count
                periods[id] = UInt32(clamping: max(stored.periodMs ?? 1000, 1))
            } else if stored.type != .serverKey {
                counterBase[id] = counters
                counters += count
            }
        }
        self.counterBase = counterBase
        self.rateBase = rateBase
        self.counts = counts
        self.periods = periods
        self.counterSlots = counters
        self.rateSlots = rates
        self.stored = table.stored.sorted { $0.type.id < $1.type.id }
    }

    /// The integer slot of a type's element, nil when not stored or out of range.
    func counter(_ type: StickDataType, _ index: Int = 0) -> Int? {
        guard let base = counterBase[type.id], index >= 0, index < counts[type.id] else { return nil }
        return base + index
    }

    /// The frequency-counter slot of a rate type's element, nil when not stored or out of range.
    func rate(_ type: StickDataType, _ index: Int = 0) -> Int? {
        guard let base = rateBase[type.id], index >= 0, index < counts[type.id] else { return nil }
        return base + index
    }

    func period(_ type: StickDataType) -> UInt32 { periods[type.id] }
}

/// One entry of a stick table: its key, its data, who tracks it, when it
/// expires, and its place in the table's touch order. Read and changed only
/// under its table's lock.
final class StickEntry: @unchecked Sendable {
    let key: StickKey
    var counters: [UInt64]
    var rates: [FrequencyCounter]
    /// `server_key`: the name of the server a `stick` rule stored.
    var serverKey: String?
    /// The streams and sessions tracking the entry (`use` in `show table`).
    var users = 0
    /// When the entry expires, in the table's milliseconds; nil: never.
    var expiresAt: Int64?
    /// Neighbours in the table's touch order (least recently touched first).
    weak var older: StickEntry?
    var newer: StickEntry?
    /// The local update that last changed the entry (tables shared through peers; 0: never changed here).
    var updateID: UInt32 = 0
    /// Neighbours in the table's update order (oldest local change first), for the peers' pushes.
    weak var updateOlder: StickEntry?
    var updateNewer: StickEntry?

    init(key: StickKey, layout: StickDataLayout) {
        self.key = key
        counters = [UInt64](repeating: 0, count: layout.counterSlots)
        rates = [FrequencyCounter](repeating: FrequencyCounter(), count: layout.rateSlots)
    }
}
