import RuntimePlan

/// The live stick tables of a running plan, by name.
final class StickTableSet: Sendable {
    private let tables: [String: StickTable]

    init(_ plan: RuntimePlan, clock: @escaping @Sendable () -> Int64 = StickTable.monotonicMilliseconds) {
        tables = Dictionary(plan.stickTables.map { ($0.name, StickTable($0, clock: clock)) }, uniquingKeysWith: { first, _ in first })
    }

    subscript(name: String) -> StickTable? { tables[name] }

    /// Every table, by name.
    var all: [StickTable] { tables.values.sorted { $0.plan.name < $1.plan.name } }

    var isEmpty: Bool { tables.isEmpty }
}
