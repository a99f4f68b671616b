/// A converter applied to a fetched sample (`lower`, `field(2,/)`, `ipmask(24)`).
public struct Converter: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The converters the evaluator knows (see `SampleConverter`).
    public enum Name: String, Sendable, Hashable, Codable, CaseIterable {
        case lower, upper, length, hex, base64, ub64enc = "ub64enc", urlDecode = "url_dec", field, word, regsub
        case ipmask, add, sub, mul, div, mod, neg, not, bool, and, or, xor, crc32, djb2, sdbm
        case concat, strcmp, json, httpDate = "http_date", ltrim, rtrim, iif, b64dec, bytes, urlEncode = "url_enc", ub64dec
        // Over the bytes of the sample (see BinaryConverters).
        case sha1, sha2, digest, hmac, crc32c, wt6, xxh3, xxh32, xxh64, be2dec, be2hex, secureMemcmp = "secure_memcmp", addItem = "add_item"
        /// Every `map_<match>_<output>(file[,default])`: see `map`.
        case map
    }

    public var name: Name
    public var arguments: [String]
    /// The map file of a `map` converter, read when the plan was compiled.
    public var map: MapTable?

    public init(_ name: Name, arguments: [String] = [], map: MapTable? = nil) {
        self.name = name
        self.arguments = arguments
        self.map = map
    }

    public var description: String {
        let word = map.map { "map_\($0.match.rawValue)_\($0.output.rawValue)" } ?? name.rawValue
        return arguments.isEmpty ? word : "\(word)(\(arguments.joined(separator: ",")))"
    }
}
