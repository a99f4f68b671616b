/// The content of a map file as a `map_*` converter reads it (`map_str(FILE[,DEFAULT])`),
/// read when the plan is compiled: how keys match, what type the value has, the entries in file order.
public struct MapTable: Sendable, Hashable, Codable {
    /// How a key matches the input (`map_beg`: the key is a prefix of the input…).
    public enum Match: String, Sendable, Hashable, Codable, CaseIterable {
        case str, beg, sub, dir, dom, end, reg, regm, int, ip
    }

    /// The type of the values (`map_str_int`: an integer).
    public enum Output: String, Sendable, Hashable, Codable, CaseIterable {
        case str, int, ip
    }

    /// One line of the file: the first word and the rest of the line.
    public struct Entry: Sendable, Hashable, Codable {
        public var key: String
        public var value: String

        public init(key: String, value: String) {
            self.key = key
            self.value = value
        }
    }

    public var match: Match
    public var output: Output
    public var entries: [Entry]

    public init(match: Match, output: Output, entries: [Entry]) {
        self.match = match
        self.output = output
        self.entries = entries
    }

    /// The entries of a map file: `#` lines and blank lines skipped, leading blanks dropped, the key
    /// up to the first blank, the value after the blanks that follow, trailing blanks dropped.
    public static func entries(inFile content: String) -> [Entry] {
        let blanks: Set<Character> = [" ", "\t"]
        return content.split(whereSeparator: { $0 == "\n" || $0 == "\r" }).compactMap { line in
            let text = line.drop { blanks.contains($0) }
            guard !text.isEmpty, !text.hasPrefix("#") else { return nil }
            let key = text.prefix { !blanks.contains($0) }
            var value = text.dropFirst(key.count).drop { blanks.contains($0) }
            while let last = value.last, blanks.contains(last) { value = value.dropLast() }
            return Entry(key: String(key), value: String(value))
        }
    }
}
