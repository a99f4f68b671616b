/// The string match methods: exact, prefix, suffix, substring, and the
/// delimited forms `dir` (between slashes) and `dom` (between dots, slashes, colons or `?`).
enum StringMatch {
    static func matches(_ value: String, _ pattern: String, _ method: MatchMethod) -> Bool {
        switch method {
        case .str: return value == pattern
        case .beg: return value.hasPrefix(pattern)
        case .end: return value.hasSuffix(pattern)
        case .sub: return pattern.isEmpty || value.contains(pattern)
        case .dir: return delimited(value, pattern, delimiters: [UInt8(ascii: "/")])
        case .dom: return delimited(value, pattern, delimiters: [UInt8(ascii: "/"), UInt8(ascii: "."), UInt8(ascii: ":"), UInt8(ascii: "?")])
        default: return false
        }
    }

    /// Whether `pattern` occurs in `value` with a delimiter (or an end) on both sides.
    static func delimited(_ value: String, _ pattern: String, delimiters: Set<UInt8>) -> Bool {
        let text = Array(value.utf8)
        let wanted = Array(pattern.utf8)
        guard !wanted.isEmpty, wanted.count <= text.count else { return false }
        for start in 0...(text.count - wanted.count) where text[start..<(start + wanted.count)].elementsEqual(wanted) {
            let before = start == 0 || delimiters.contains(text[start - 1])
            let afterIndex = start + wanted.count
            let after = afterIndex == text.count || delimiters.contains(text[afterIndex])
            if before && after { return true }
        }
        return false
    }
}
