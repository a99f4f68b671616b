import ConfigGrammar

/// The names a sample expression may use, from the tables generated from
/// `Grammar/`: fetch methods and converters with their argument lists
/// (`integer[,table]`), and the ACL keywords that stand for a fetch with a
/// match method (`path_beg` is `path -m beg`).
public struct SampleKeywords: Sendable {
    /// Fetch name → argument list as `haproxy -dKall` prints it.
    public let fetchArguments: [String: String]
    /// Converter name → argument list.
    public let converterArguments: [String: String]
    /// ACL keyword → the fetch it reads.
    public let aclFetches: [String: String]
    /// ACL keyword → its match method (`beg` for `path_beg`).
    public let aclMatches: [String: String]
    /// Fetch name → the type it returns (`str`, `sint`, `ip`…).
    public let fetchOutputs: [String: String]
    /// Converter name → the type it returns.
    public let converterOutputs: [String: String]
    public let fetches: Set<String>
    public let converters: Set<String>
    /// What an ACL criterion may name: a fetch or an ACL keyword.
    public let criteria: Set<String>

    public init(fetchesTSV: String, convertersTSV: String, aclKeywordsTSV: String) {
        func pairs(_ tsv: String, column: Int = 1) -> [String: String] {
            Dictionary(TSVTable(tsv).rows.map { ($0[0], $0.count > column ? $0[column] : "") }) { first, _ in first }
        }
        fetchArguments = pairs(fetchesTSV)
        converterArguments = pairs(convertersTSV)
        aclFetches = pairs(aclKeywordsTSV)
        aclMatches = pairs(aclKeywordsTSV, column: 2)
        fetchOutputs = pairs(fetchesTSV, column: 2)
        converterOutputs = pairs(convertersTSV, column: 3)
        fetches = Set(fetchArguments.keys)
        converters = Set(converterArguments.keys)
        criteria = fetches.union(aclFetches.keys)
    }

    /// The tables generated from `Grammar/`.
    public static let standard = SampleKeywords(
        fetchesTSV: haproxyFetchesTSV, convertersTSV: haproxyConvertersTSV, aclKeywordsTSV: haproxyACLKeywordsTSV)

    /// Prefixes of names that modules register at run time (Lua) or that
    /// depend on optional build features (51Degrees, DeviceAtlas, WURFL).
    public static let dynamicPrefixes = ["lua.", "51d.", "da-", "wurfl-"]

    /// Whether a name comes from Lua or an optional module, so no table can know it.
    public static func isDynamic(_ name: String) -> Bool { dynamicPrefixes.contains { name.hasPrefix($0) } }
}

/// An argument list as the tables write it: `integer,integer[,string]` has
/// two mandatory arguments and one optional one.
public struct SampleArgumentList: Sendable, Equatable {
    /// Argument types in order (`integer`, `string`, `table`…).
    public var types: [String]
    /// How many of them must be given.
    public var required: Int

    public init(_ text: String) {
        let mandatory = text.prefix { $0 != "[" }
        let split = { (part: Substring) in part.split(separator: ",").map { String($0).trimmingBrackets } }
        let first = split(mandatory)
        types = first + split(text.dropFirst(mandatory.count))
        required = first.count
    }
}

/// The optional-argument brackets of a table entry, removed.
private extension String {
    var trimmingBrackets: String { filter { $0 != "[" && $0 != "]" } }
}
