import ConfigDiagnostics

/// One ACL test, named (`acl NAME criterion …`) or anonymous (`{ criterion … }`), read once the way HAProxy 2.6
/// reads one (`parse_acl_expr` in src/acl.c): the criterion (a fetch with its arguments and converters), then
/// every word that starts with `-` is a flag (`-f FILE`, `-m METHOD` and `-u ID` take a value; `-i`, `-n`, `-M`
/// do not; `--` ends them), then the patterns. The checker's ACL rules and the planner's ACL compiler read it.
public struct ACLTestSpec: Sendable, Hashable {
    /// A word of the test with where it is written.
    public struct Word: Sendable, Hashable {
        public var text: String
        public var range: SourceRange

        public init(text: String, range: SourceRange) {
            self.text = text
            self.range = range
        }
    }

    /// The name of a named ACL; nil for an anonymous one.
    public var name: String?
    /// The fetch with its arguments and converters (`hdr(host)`, `path,lower`).
    public var criterion: Word
    /// The flags as written, without their values (`-i`, `-m`, `-f`…).
    public var flags: [String]
    /// The value of the last `-m`, as written.
    public var matchMethodName: String?
    /// The files named by `-f`.
    public var patternFiles: [Word]
    /// The patterns written on the line.
    public var values: [Word]
    /// The test's words as written, joined by spaces.
    public var text: String

    /// Reads `criterion [flags] [--] [patterns]`; `ranges` has one range per word where known, `fallback` stands
    /// for the others. Nil without a criterion.
    public init?(words: [String], ranges: [SourceRange], fallback: SourceRange, name: String?) {
        guard !words.isEmpty else { return nil }
        let located = words.indices.map { Word(text: words[$0], range: $0 < ranges.count ? ranges[$0] : fallback) }
        criterion = located[0]
        text = words.joined(separator: " ")
        self.name = name
        flags = []
        patternFiles = []
        var index = 1
        while index < located.count, located[index].text.hasPrefix("-"), located[index].text.count > 1 {
            let flag = located[index].text
            index += 1
            if flag == "--" { break }
            flags.append(flag)
            if Self.flagsWithValue.contains(flag), index < located.count {
                if flag == "-m" { matchMethodName = located[index].text }
                if flag == "-f" { patternFiles.append(located[index]) }
                index += 1
            }
        }
        values = Array(located[index...])
    }

    /// The test of an `acl` line.
    public init(_ definition: ACLDefinition) {
        // An `acl` line always has its criterion, so the reading cannot fail.
        self = ACLTestSpec(words: [definition.criterion] + definition.arguments,
                           ranges: [definition.criterionRange] + definition.argumentRanges,
                           fallback: definition.range, name: definition.name)!
    }

    /// The flags that take the next word as their value.
    public static let flagsWithValue: Set<String> = ["-f", "-m", "-u"]
    /// The flags HAProxy knows (any other is refused: "is not a valid ACL option").
    public static let knownFlags: Set<String> = ["-i", "-n", "-u", "-f", "-m", "-M"]

    /// The fetch's name: the criterion before its arguments and converters.
    public var fetch: String {
        let text = criterion.text
        let utf8 = text.utf8
        let end = utf8.firstIndex { $0 == UInt8(ascii: "(") || $0 == UInt8(ascii: ",") } ?? utf8.endIndex
        return String(text[..<end])
    }

    /// The fetch's first argument (`host` in `hdr(host)`), if any.
    public var fetchArgument: String? {
        let text = criterion.text
        guard let open = text.firstIndex(of: "("), let close = text[open...].firstIndex(of: ")") else { return nil }
        return String(text[text.index(after: open)..<close].prefix { $0 != "," })
    }

    /// Whether the fetch is written with parentheses (`path()`, `hdr(host)`).
    public var hasFetchArguments: Bool { criterion.text.utf8.contains(UInt8(ascii: "(")) }

    /// The converters after the fetch (`lower` in `req.hdr(host),lower`).
    public var converters: [String] {
        guard criterion.text.utf8.contains(UInt8(ascii: ",")) else { return [] }
        var depth = 0
        var names: [String] = []
        var current: String? = nil
        for character in criterion.text {
            switch character {
            case "(": depth += 1
            case ")": depth -= 1
            case "," where depth == 0:
                if let current { names.append(current) }
                current = ""
            default:
                if depth == 0, current != nil { current!.append(character) }
            }
        }
        if let current { names.append(current) }
        return names
    }

    /// Whether the patterns are compared ignoring case (`-i`).
    public var ignoresCase: Bool { flags.contains("-i") }
    /// Whether the `-f` files are loaded as maps (`-M`).
    public var loadsAsMap: Bool { flags.contains("-M") }
    /// Whether patterns also come from a file (`-f`).
    public var readsFile: Bool { !patternFiles.isEmpty }
    /// The first flag HAProxy does not know, if any.
    public var unknownFlag: String? { flags.first { !Self.knownFlags.contains($0) } }

    /// The match method HAProxy uses: `-m`'s, else the ACL keyword's, else the one for the type the fetch (or its
    /// last converter) returns (`ACLPatternSyntax.defaultMethod`). Nil when `-m` names no method or none applies.
    public func matchMethod(keywords: SampleKeywords = .standard) -> ACLMatchMethod? {
        if let matchMethodName { return ACLMatchMethod(rawValue: matchMethodName) }
        return ACLPatternSyntax.defaultMethod(of: self, keywords: keywords).flatMap(ACLMatchMethod.init(rawValue:))
    }

    /// The patterns of a `-f` file, as HAProxy reads the file: one a line, leading and trailing blanks dropped,
    /// blank lines and `#` lines skipped; each with its line number.
    public static func patterns(inFile content: String) -> [(line: Int, text: String)] {
        var result: [(line: Int, text: String)] = []
        var number = 0
        for line in content.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            number += 1
            let pattern = line.drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed()
            guard !pattern.isEmpty, pattern.first != "#" else { continue }
            result.append((number, String(pattern)))
        }
        return result
    }

    /// Each problem HAProxy finds in the test, with where to report it: an unknown `-m` at the criterion, each
    /// pattern it refuses at its word, the first refused pattern of each `-f` file (read with `readFile`, nil when
    /// unreadable, which `acl-pattern-file` reports) at the file's name.
    public func patternProblems(keywords: SampleKeywords = .standard,
                                readFile: (String) -> String?) -> [(message: String, range: SourceRange)] {
        if let matchMethodName, ACLMatchMethod(rawValue: matchMethodName) == nil {
            return [(ACLPatternSyntax.unknownMethodMessage(matchMethodName), criterion.range)]
        }
        guard let method = matchMethod(keywords: keywords), method.hasPatternSyntax else { return [] }
        var problems = values.compactMap { value in ACLPatternSyntax.problem(value.text, method: method).map { ($0, value.range) } }
        for file in patternFiles {
            guard let content = readFile(file.text) else { continue }
            for pattern in Self.patterns(inFile: content) {
                guard let problem = ACLPatternSyntax.problem(pattern.text, method: method) else { continue }
                problems.append(("\(problem) at line \(pattern.line) of '\(file.text)'", file.range))
                break
            }
        }
        return problems
    }
}

/// How HAProxy compares fetched values with an ACL's patterns (`-m METHOD`).
public enum ACLMatchMethod: String, Sendable, Hashable, CaseIterable {
    case found, bool, int, ip, bin, len, str, sub, reg, beg, end, dir, dom

    /// Whether HAProxy parses the patterns of this method when it starts (and so may refuse one).
    public var hasPatternSyntax: Bool { self == .int || self == .len || self == .ip || self == .reg }
}
