import RuntimePlan

/// Reads a sample expression as HAProxy writes it: a fetch followed by
/// comma-separated converters (`req.hdr(host),lower,field(1,:)`).
enum SampleExpressionParser {
    /// The fetch with its converters and the match method an ACL uses by
    /// default; nil when the engine does not know the fetch or a converter.
    /// `readFile` reads the files of map converters.
    static func parse(_ text: String, readFile: Planner.PatternFileReader = Planner.readFromDisk) -> (Fetch, MatchMethod)? {
        let pieces = topLevelPieces(text)
        guard let first = pieces.first, var (fetch, method) = ACLParser.fetch(for: first) else { return nil }
        for piece in pieces.dropFirst() {
            guard let converter = converter(piece, readFile: readFile) else { return nil }
            fetch.converters.append(converter)
        }
        if let last = fetch.converters.last {
            switch last.map?.output {
            case .int: method = .int
            case .ip: method = .ip
            case .str: method = .str
            case nil: method = last.name == .secureMemcmp ? .bool : integerResults.contains(last.name) ? .int : .str
            }
        }
        return (fetch, method)
    }

    /// Converters whose result is an integer or a boolean (an ACL then matches with `-m int`).
    private static let integerResults: Set<Converter.Name> = [
        .length, .hex2i, .add, .sub, .mul, .div, .mod, .neg, .and, .or, .xor, .crc32, .djb2, .sdbm, .strcmp, .not, .bool, .table,
        .crc32c, .wt6, .xxh3, .xxh32, .xxh64,
    ]

    /// `name` or `name(arguments)`.
    static func converter(_ text: String, readFile: Planner.PatternFileReader = Planner.readFromDisk) -> Converter? {
        guard let open = text.firstIndex(of: "(") else { return Converter.Name(rawValue: text).map { Converter($0) } }
        guard text.hasSuffix(")") else { return nil }
        let inner = String(text[text.index(after: open)..<text.index(before: text.endIndex)])
        if let table = TableConverter.converter(name: String(text[..<open]), arguments: arguments(inner)) { return table }
        if let (match, output) = mapKind(String(text[..<open])) {
            let words = arguments(inner)
            guard (1...2).contains(words.count), let content = readFile(words[0]) else { return nil }
            let table = MapTable(match: match, output: output, entries: MapTable.entries(inFile: content))
            // HAProxy refuses a map whose values (or default) are not of the output type.
            if output == .int, !(table.entries.map(\.value) + words.dropFirst()).allSatisfy({ Int64($0) != nil }) { return nil }
            return Converter(.map, arguments: words, map: table)
        }
        guard let name = Converter.Name(rawValue: String(text[..<open])) else { return nil }
        let converter = Converter(name, arguments: arguments(inner))
        // OpenSSL knows more digests than the engine: those stay unsupported.
        if name == .digest || name == .hmac, !MessageDigests.knows(converter.arguments.first ?? "") { return nil }
        return converter
    }

    /// The match and output of `map`, `map_<match>` or `map_<match>_<output>`; nil for other names.
    private static func mapKind(_ name: String) -> (MapTable.Match, MapTable.Output)? {
        let words = name.split(separator: "_", omittingEmptySubsequences: false).map(String.init)
        guard words.first == "map", words.count <= 3 else { return nil }
        guard words.count > 1 else { return (.str, .str) }
        guard let match = MapTable.Match(rawValue: words[1]) else { return nil }
        guard words.count > 2 else { return (match, .str) }
        guard let output = MapTable.Output(rawValue: words[2]) else { return nil }
        return (match, output)
    }

    /// Splits at commas outside parentheses.
    static func topLevelPieces(_ text: String) -> [String] {
        var pieces: [String] = [], current = "", depth = 0
        for character in text {
            switch character {
            case "(": depth += 1
            case ")": depth -= 1
            case "," where depth == 0:
                pieces.append(current)
                current = ""
                continue
            default: break
            }
            current.append(character)
        }
        pieces.append(current)
        return pieces
    }

    /// A converter's arguments as HAProxy 2.6 reads them (`make_arg_list`): split at commas outside
    /// quotes, quotes removed; outside single quotes a backslash escapes only `\\`, a space and the
    /// quotes, and writes `\r`, `\n`, `\t`; any other backslash stays (`regsub(:\d+$,,)`).
    static func arguments(_ text: String) -> [String] {
        var result: [String] = [], current = ""
        var single = false, double = false
        var characters = Array(text)[...]
        while let character = characters.popFirst() {
            switch character {
            case "\"" where !single: double.toggle()
            case "'" where !double: single.toggle()
            case "\\" where !single && !characters.isEmpty:
                switch characters.first! {
                case "\\", " ", "\"", "'": current.append(characters.removeFirst())
                case "r": characters.removeFirst(); current.append("\r")
                case "n": characters.removeFirst(); current.append("\n")
                case "t": characters.removeFirst(); current.append("\t")
                default: current.append(character)
                }
            case "," where !single && !double:
                result.append(current)
                current = ""
            default: current.append(character)
            }
        }
        result.append(current)
        return result
    }
}
