import ConfigDiagnostics

/// A stick table's declaration read once, as HAProxy 2.6 reads it (`stktable_parse_fields` in src/stick_table.c):
/// a proxy's `stick-table` line (named after the proxy) or a `table NAME` line of a `peers` section (named
/// `SECTION/NAME`). HAProxy reads the words in order and refuses the line at the first one it cannot use; the
/// reading here goes on past it so that the rules reading the stored data still see them. The checker's rules
/// and the planner read it.
public struct StickTableSpec: Sendable, Hashable {
    /// The type of the key.
    public enum KeyType: String, Sendable, Hashable, CaseIterable {
        case ip, ipv6, integer, string, binary
    }

    /// A word of the line with where it is written.
    public struct Word: Sendable, Hashable {
        public var text: String
        public var range: SourceRange
    }

    /// One entry of a `store` list: `conn_cur`, `http_req_rate(10s)`, `gpc_rate(3,1m)`.
    public struct StoredData: Sendable, Hashable {
        /// The data type's name.
        public var name: String
        /// The arguments between the parentheses; nil without parentheses.
        public var arguments: [String]?
        /// The entry as written.
        public var text: String
    }

    /// A word HAProxy refuses, or a setting it misses, with HAProxy's message.
    public struct Problem: Sendable, Hashable {
        public var message: String
        public var range: SourceRange
    }

    /// `proxy` or `peers/table`.
    public var name: String
    /// The section of a peers `table` line.
    public var peersSection: String?
    public var keyType: KeyType?
    /// The value of `len` after `type string|binary`, as written.
    public var keyLength: String?
    /// The value of `size`, as written.
    public var size: String?
    /// The value of `expire`, as written.
    public var expire: String?
    public var nopurge = false
    /// The `peers` section a proxy's table is synchronised through.
    public var peers: Word?
    /// Every entry of the `store` lists, in order.
    public var stored: [StoredData] = []
    /// The last `store` list, else the line.
    public var storeRange: SourceRange
    /// The whole line.
    public var range: SourceRange
    /// What HAProxy refuses: the first word it cannot use, else each setting it misses (`size`, then `type`).
    public var problems: [Problem] = []

    /// Reads the settings in `words` (a `stick-table` line's arguments, or a peers `table` line's after the name);
    /// `ranges` has one range per word.
    public init(words: [String], ranges: [SourceRange], line: SourceRange, name: String, peersSection: String? = nil) {
        self.name = name
        self.peersSection = peersSection
        range = line
        storeRange = line
        func at(_ position: Int) -> SourceRange { position < ranges.count ? ranges[position] : line }
        var firstProblem: Problem?
        func refuse(_ message: String, _ position: Int) {
            if firstProblem == nil { firstProblem = Problem(message: message, range: at(position)) }
        }
        var index = 0
        while index < words.count {
            let word = words[index]
            let hasValue = index + 1 < words.count
            let value = hasValue ? words[index + 1] : ""
            switch word {
            case "peers" where peersSection == nil, "type", "size", "expire", "store", "srvkey":
                guard hasValue else {
                    refuse("missing argument after '\(word)'", index)
                    index += 1
                    continue
                }
                index += 1
                switch word {
                case "type":
                    guard let type = KeyType(rawValue: value) else {
                        refuse("unknown type '\(value)'", index)
                        break
                    }
                    keyType = type
                    if type == .string || type == .binary, index + 2 < words.count, words[index + 1] == "len" {
                        keyLength = words[index + 2]
                        index += 2
                    }
                case "size":
                    if Self.isSize(value) { size = value } else { refuse("'\(value)' is not a size", index) }
                case "expire":
                    if Self.isTime(value) { expire = value } else { refuse("'\(value)' is not a time", index) }
                case "peers":
                    peers = Word(text: value, range: at(index))
                case "store":
                    storeRange = at(index)
                    let entries = Self.entries(value)
                    stored += entries
                    if let problem = entries.lazy.compactMap(Self.problem).first { refuse(problem, index) }
                default:
                    break
                }
            case "nopurge":
                nopurge = true
            default:
                refuse("unknown argument '\(word)'", index)
            }
            index += 1
        }
        if let firstProblem {
            problems = [firstProblem]
        } else {
            if size == nil { problems.append(Problem(message: "the table has no 'size'", range: line)) }
            if keyType == nil { problems.append(Problem(message: "the table has no 'type'", range: line)) }
        }
    }

    /// A proxy's `stick-table` line.
    public init(stickTable line: Directive, proxy: String) {
        self.init(words: line.arguments, ranges: line.argumentRanges, line: line.range, name: proxy)
    }

    /// A peers section's `table NAME …` line; nil without a name.
    public init?(table line: Directive, in section: PeersSection) {
        guard line.keyword == "table", let table = line.arguments.first else { return nil }
        self.init(words: Array(line.arguments.dropFirst()), ranges: Array(line.argumentRanges.dropFirst()), line: line.range,
                  name: section.name + "/" + table, peersSection: section.name)
    }

    /// Every table a configuration declares: each proxy's `stick-table` lines (the last one is the proxy's
    /// table), then the peers sections' `table` lines.
    public static func all(in configuration: HAProxyConfiguration) -> [StickTableSpec] {
        var tables: [StickTableSpec] = []
        for proxy in configuration.proxies {
            for line in proxy.directives("stick-table") { tables.append(StickTableSpec(stickTable: line, proxy: proxy.name ?? "")) }
        }
        for section in configuration.peers {
            tables += section.directives.compactMap { StickTableSpec(table: $0, in: section) }
        }
        return tables
    }

    /// The tables of a configuration by name, as HAProxy names them (a proxy's last `stick-table` line).
    public static func index(_ configuration: HAProxyConfiguration) -> [String: StickTableSpec] {
        var tables: [String: StickTableSpec] = [:]
        for proxy in configuration.proxies {
            guard let name = proxy.name, let line = proxy.directives("stick-table").last else { continue }
            tables[name] = StickTableSpec(stickTable: line, proxy: name)
        }
        for section in configuration.peers {
            for line in section.directives {
                if let table = StickTableSpec(table: line, in: section) { tables[table.name] = table }
            }
        }
        return tables
    }

    /// The names of the stored data types.
    public var storedNames: Set<String> { Set(stored.map(\.name)) }

    /// Whether the table keeps what a fetch of `dataType` reads. `inc`/`clr` fetches also work on the `_rate`
    /// variant, and since 2.5 `gpc0`/`gpc1` and `gpt0` fall back on the `gpc`/`gpt` arrays.
    public func stores(_ dataType: String, updating: Bool) -> Bool {
        let names = storedNames
        if names.contains(dataType) { return true }
        var accepted: [String] = []
        switch dataType {
        case "gpc0", "gpc1": accepted = ["gpc"] + (updating ? [dataType + "_rate", "gpc_rate"] : [])
        case "gpc0_rate", "gpc1_rate": accepted = ["gpc_rate"]
        case "gpc": accepted = updating ? ["gpc_rate"] : []
        case "gpt0": accepted = ["gpt"]
        default: break
        }
        return accepted.contains { names.contains($0) }
    }

    /// The data types HAProxy 2.6 stores without an argument.
    public static let plainData: Set<String> = [
        "server_id", "server_key", "gpt0", "gpc0", "gpc1", "conn_cnt", "conn_cur", "sess_cnt", "http_req_cnt", "http_err_cnt",
        "http_fail_cnt", "bytes_in_cnt", "bytes_out_cnt",
    ]
    /// The data types that take a period.
    public static let rateData: Set<String> = [
        "gpc0_rate", "gpc1_rate", "conn_rate", "sess_rate", "http_req_rate", "http_err_rate", "http_fail_rate",
        "bytes_in_rate", "bytes_out_rate",
    ]
    /// The array data types, with the arguments they need (a count, and a period for `gpc_rate`).
    public static let arrayData: [String: Int] = ["gpt": 1, "gpc": 1, "gpc_rate": 2]

    /// The entries of a `store` list: split at the commas outside parentheses.
    static func entries(_ list: String) -> [StoredData] {
        var parts: [String] = []
        var current = ""
        var depth = 0
        for character in list {
            if character == "(" { depth += 1 } else if character == ")" { depth -= 1 }
            if character == ",", depth == 0 {
                parts.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        parts.append(current)
        return parts.map { entry in
            guard let open = entry.firstIndex(of: "(") else { return StoredData(name: entry, arguments: nil, text: entry) }
            let inner = entry[entry.index(after: open)...]
            let arguments = (inner.hasSuffix(")") ? inner.dropLast() : inner).split(separator: ",", omittingEmptySubsequences: false)
            return StoredData(name: String(entry[..<open]), arguments: arguments.map(String.init), text: entry)
        }
    }

    /// What HAProxy says of a `store` entry it refuses, or nil.
    static func problem(_ entry: StoredData) -> String? {
        if entry.arguments != nil, !entry.text.hasSuffix(")") {
            return "missing closing parenthesis after store option '\(entry.name)'"
        }
        let count = entry.arguments?.count ?? 0
        if plainData.contains(entry.name) {
            return count > 0 ? "unexpected argument to store option '\(entry.name)'" : nil
        } else if rateData.contains(entry.name) {
            return count == 0 ? "missing argument to store option '\(entry.name)'" : nil
        } else if let needed = arrayData[entry.name] {
            return count < needed ? "missing argument to store option '\(entry.name)'" : nil
        }
        return "unknown store option '\(entry.name)'"
    }

    /// A size as HAProxy reads one: digits with an optional `k`, `m` or `g`.
    public static func isSize(_ text: String) -> Bool {
        let digits = "kKmMgG".contains(text.last ?? " ") ? text.dropLast() : Substring(text)
        return !digits.isEmpty && digits.allSatisfy { $0.isASCII && $0.isNumber }
    }

    /// A time as HAProxy reads one: digits with an optional unit.
    public static func isTime(_ text: String) -> Bool {
        let digits = text.prefix { $0.isASCII && $0.isNumber }
        return !digits.isEmpty && ["", "us", "ms", "s", "m", "h", "d"].contains(String(text.dropFirst(digits.count)))
    }
}
