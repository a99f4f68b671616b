/// A converter applied to a fetched sample (`lower`, `field(2,/)`, `ipmask(24)`).
public struct Converter: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The converters the evaluator knows (see `SampleConverter`).
    public enum Name: String, Sendable, Hashable, Codable, CaseIterable {
        case lower, upper, length, hex, base64, ub64enc = "ub64enc", urlDecode = "url_dec", field, word, regsub
        case ipmask, add, sub, mul, div, mod, neg, not, bool, and, or, xor, crc32, djb2, sdbm
        case concat, strcmp, json, httpDate = "http_date", ltrim, rtrim, iif, b64dec, bytes, urlEncode = "url_enc", ub64dec
    }

    public var name: Name
    public var arguments: [String]

    public init(_ name: Name, arguments: [String] = []) {
        self.name = name
        self.arguments = arguments
    }

    public var description: String {
        arguments.isEmpty ? name.rawValue : "\(name.rawValue)(\(arguments.joined(separator: ",")))"
    }
}
