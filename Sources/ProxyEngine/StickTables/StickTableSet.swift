import RuntimePlan

/// The live stick tables of a running plan, by name.
final class StickTableSet: Sendable {
    private let tables: [String: StickTable]
    /// Every table, in configuration order.
    let all: [StickTable]

    init(_ plan: RuntimePlan, clock: @escaping @Sendable () -> Int64 = StickTable.monotonicMilliseconds) {
        all = plan.stickTables.map { StickTable($0, clock: clock) }
        tables = Dictionary(all.map { ($0.plan.name, $0) }, uniquingKeysWith: { first, _ in first })
    }

    subscript(name: String) -> StickTable? { tables[name] }

    var isEmpty: Bool { tables.isEmpty }
}
