/// A converter applied to a fetched sample (`lower`, `field(2,/)`, `ipmask(24)`).
public struct Converter: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The converters the evaluator knows (see `SampleConverter`).
    public enum Name: String, Sendable, Hashable, Codable, CaseIterable {
        case lower, upper, length, hex, hex2i, base64, ub64enc = "ub64enc", urlDecode = "url_dec", field, word, regsub
        case ipmask, add, sub, mul, div, mod, neg, not, bool, and, or, xor, crc32, djb2, sdbm
        case concat, strcmp, json, httpDate = "http_date", ltrim, rtrim, iif, b64dec, bytes, urlEncode = "url_enc", ub64dec
        /// `table_DATA([IDX,]TABLE)` and `in_table(TABLE)`: the arguments are the data (`http_req_rate`,
        /// `in_table`), then the converter's own (see `TableConverter`).
        case table
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
        if name == .table, let item = arguments.first {
            let own = arguments.dropFirst().joined(separator: ",")
            return item == TableConverter.inTable ? "in_table(\(own))" : "table_\(item)(\(own))"
        }
        let word = map.map { "map_\($0.match.rawValue)_\($0.output.rawValue)" } ?? name.rawValue
        return arguments.isEmpty ? word : "\(word)(\(arguments.joined(separator: ",")))"
    }
}

/// The `table_*` converters of HAProxy 2.6 the engine evaluates: the data
/// each reads, and which take an element index before the table.
public enum TableConverter {
    /// `in_table(TABLE)`: whether the key has an entry.
    public static let inTable = "in_table"
    /// The data of `table_DATA(TABLE)`, as `sc_*` fetches name them after their prefix.
    public static let items: Set<String> = [
        "conn_cnt", "conn_cur", "conn_rate", "sess_cnt", "sess_rate", "http_req_cnt", "http_req_rate", "http_err_cnt",
        "http_err_rate", "http_fail_cnt", "http_fail_rate", "bytes_in_rate", "bytes_out_rate", "kbytes_in", "kbytes_out",
        "gpc0", "gpc1", "gpc0_rate", "gpc1_rate", "gpt0", "trackers", "gpc", "gpc_rate", "gpt", "server_id",
    ]
    /// `table_gpc(IDX,TABLE)`, `table_gpc_rate(IDX,TABLE)`, `table_gpt(IDX,TABLE)`.
    public static let indexed: Set<String> = ["gpc", "gpc_rate", "gpt"]
    /// `table_expire(TABLE[,DEFAULT])` and `table_idle(TABLE[,DEFAULT])`: the milliseconds until the key's entry
    /// expires and since it was last used; DEFAULT (an integer) when the key has no entry, else the converter fails.
    public static let timing: Set<String> = ["expire", "idle"]

    /// The converter for `in_table(...)` or `table_DATA(...)` with its arguments as written; nil for another name
    /// or a wrong number of arguments.
    public static func converter(name: String, arguments: [String]) -> Converter? {
        let item: String
        if name == inTable {
            item = inTable
        } else if name.hasPrefix("table_"), items.contains(String(name.dropFirst(6))) {
            item = String(name.dropFirst(6))
        } else if name.hasPrefix("table_"), timing.contains(String(name.dropFirst(6))) {
            guard (1...2).contains(arguments.count), !arguments[0].isEmpty, arguments.count == 1 || Int64(arguments[1]) != nil else {
                return nil
            }
            return Converter(.table, arguments: [String(name.dropFirst(6))] + arguments)
        } else {
            return nil
        }
        guard arguments.count == (indexed.contains(item) ? 2 : 1), arguments.allSatisfy({ !$0.isEmpty }) else { return nil }
        if indexed.contains(item), Int(arguments[0]) == nil { return nil }
        return Converter(.table, arguments: [item] + arguments)
    }
}
