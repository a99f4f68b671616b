import ConfigGrammar

/// The Keepalived keyword table of `Grammar/keepalived-keywords.tsv`:
/// which keywords each block accepts and what arguments they take.
public struct KeepalivedKeywordTable: Sendable {
    /// The argument signature of one keyword in one block.
    public struct Entry: Sendable, Hashable {
        public var keyword: String
        public var block: String
        public var signature: [String]
        public var summary: String

        /// Whether the keyword's block holds raw values (addresses, names).
        public var holdsValues: Bool { signature == ["{values}"] }
    }

    private let entries: [String: [String: Entry]]
    /// Keywords that open a block of keywords.
    public let blockKeywords: Set<String>
    /// Keywords whose block holds raw values in some block (`virtual_ipaddress`, `notification_email`, …).
    public let valueBlockKeywords: Set<String>
    /// The blocks where each keyword is valid, sorted (asked for every unknown keyword).
    private let blocksByKeyword: [String: [String]]

    public init(tsv: String) {
        var entries: [String: [String: Entry]] = [:]
        for record in TSVTable(tsv).records {
            let entry = Entry(keyword: record["keyword"] ?? "", block: record["block"] ?? "",
                              signature: (record["args"] ?? "").split(separator: " ").map(String.init),
                              summary: record["summary"] ?? "")
            entries[entry.block, default: [:]][entry.keyword] = entry
        }
        self.entries = entries
        self.blockKeywords = Set(entries.keys)
        self.valueBlockKeywords = Set(entries.values.flatMap { $0.values.filter(\.holdsValues).map(\.keyword) })
        var blocksByKeyword: [String: [String]] = [:]
        for (block, keywords) in entries {
            for keyword in keywords.keys { blocksByKeyword[keyword, default: []].append(block) }
        }
        self.blocksByKeyword = blocksByKeyword.mapValues { $0.sorted() }
    }

    /// The table generated from `Grammar/`.
    public static let standard = KeepalivedKeywordTable(tsv: keepalivedKeywordsTSV)

    public func entry(_ keyword: String, in block: String) -> Entry? { entries[block]?[keyword] }

    /// Blocks where a keyword is valid.
    public func blocks(of keyword: String) -> [String] {
        blocksByKeyword[keyword] ?? []
    }

    /// Keywords valid in a block.
    public func keywords(in block: String) -> [String] { entries[block].map { Array($0.keys) } ?? [] }

    /// Whether a keyword opens a block: it has keywords of its own, or it holds values.
    public func opensBlock(_ keyword: String, in block: String) -> Bool {
        blockKeywords.contains(keyword) || entry(keyword, in: block)?.holdsValues == true
    }
}
