import ConfigGrammar

/// The names a sample expression may use, from the tables generated from
/// `Grammar/`: fetch methods, converters, and the ACL keywords that stand
/// for a fetch with a match method (`path_beg` is `path -m beg`).
public struct SampleKeywords: Sendable {
    public let fetches: Set<String>
    public let converters: Set<String>
    public let aclKeywords: Set<String>

    public init(fetchesTSV: String, convertersTSV: String, aclKeywordsTSV: String) {
        func names(_ tsv: String) -> Set<String> { Set(TSVTable(tsv).rows.compactMap(\.first)) }
        fetches = names(fetchesTSV)
        converters = names(convertersTSV)
        aclKeywords = names(aclKeywordsTSV)
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
