/// A tab-separated table from `Grammar/`: a header row naming the columns,
/// then one row per entry. Lines starting with `#` and blank lines are skipped.
public struct TSVTable: Sendable {
    /// Column names from the header row.
    public let columns: [String]
    /// Data rows; every row has exactly `columns.count` fields (missing ones are empty).
    public let rows: [[String]]

    public init(_ text: String) {
        var header: [String]? = nil
        var rows: [[String]] = []
        for line in text.utf8.split(separator: UInt8(ascii: "\n")) {
            if line.first == UInt8(ascii: "#") || line.allSatisfy({ $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }) {
                continue
            }
            let fields = line.split(separator: UInt8(ascii: "\t"), omittingEmptySubsequences: false)
                .map { String(decoding: $0, as: UTF8.self) }
            if let header {
                var row = Array(fields.prefix(header.count))
                while row.count < header.count { row.append("") }
                rows.append(row)
            } else {
                header = fields
            }
        }
        self.columns = header ?? []
        self.rows = rows
    }

    /// The index of a named column.
    public func column(_ name: String) -> Int? { columns.firstIndex(of: name) }

    /// Rows as dictionaries keyed by column name.
    public var records: [[String: String]] {
        rows.map { Dictionary(uniqueKeysWithValues: zip(columns, $0)) }
    }
}
