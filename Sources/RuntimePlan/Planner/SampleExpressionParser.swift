import RuntimePlan

/// Reads a sample expression as HAProxy writes it: a fetch followed by
/// comma-separated converters (`req.hdr(host),lower,field(1,:)`).
enum SampleExpressionParser {
    /// The fetch with its converters and the match method an ACL uses by
    /// default; nil when the engine does not know the fetch or a converter.
    static func parse(_ text: String) -> (Fetch, MatchMethod)? {
        let pieces = topLevelPieces(text)
        guard let first = pieces.first, var (fetch, method) = ACLParser.fetch(for: first) else { return nil }
        for piece in pieces.dropFirst() {
            guard let converter = converter(piece) else { return nil }
            fetch.converters.append(converter)
        }
        if let last = fetch.converters.last { method = integerResults.contains(last.name) ? .int : .str }
        return (fetch, method)
    }

    /// Converters whose result is an integer or a boolean (an ACL then matches with `-m int`).
    private static let integerResults: Set<Converter.Name> = [
        .length, .add, .sub, .mul, .div, .mod, .neg, .and, .or, .xor, .crc32, .djb2, .sdbm, .strcmp, .not, .bool, .table,
    ]

    /// `name` or `name(arguments)`.
    static func converter(_ text: String) -> Converter? {
        guard let open = text.firstIndex(of: "(") else { return Converter.Name(rawValue: text).map { Converter($0) } }
        guard text.hasSuffix(")") else { return nil }
        let inner = String(text[text.index(after: open)..<text.index(before: text.endIndex)])
        if let table = TableConverter.converter(name: String(text[..<open]), arguments: arguments(inner)) { return table }
        guard let name = Converter.Name(rawValue: String(text[..<open])) else { return nil }
        return Converter(name, arguments: arguments(inner))
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

    /// A converter's arguments: split at commas not escaped by a backslash, quotes removed.
    static func arguments(_ text: String) -> [String] {
        var result: [String] = [], current = "", escaped = false, quote: Character?
        for character in text {
            if escaped {
                current.append(character)
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else if let open = quote {
                if character == open { quote = nil } else { current.append(character) }
            } else if character == "\"" || character == "'" {
                quote = character
            } else if character == "," {
                result.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        result.append(current)
        return result
    }
}
