import ConfigDiagnostics

/// Every line of a file lexed ahead of parsing, side by side on every core.
/// A line lexes the same wherever it stands, except where it names
/// `.SECTION`, whose value depends on the sections read before it: such
/// lines are left to the parser, which lexes them in order.
struct PrelexedLines {
    private let source: SourceFile
    /// One entry per line; nil where the parser lexes the line itself.
    private var lexed: [LexedLine?]

    init(source: SourceFile, lexer: LineLexer) {
        self.source = source
        let path = source.path
        lexed = (0..<Self.lineCount(source)).concurrentMap(piece: 2_048) { index -> LexedLine? in
            let (start, end) = Self.bounds(ofLine: index, in: source)
            guard !Self.namesSection(source.bytes, start, end) else { return nil }
            return lexer.lex(start: start, end: end, context: LineContext(file: path, line: index + 1, section: ""))
        }
    }

    /// The number of lines the parser reads: a last line without a newline counts, an empty end does not.
    var count: Int { lexed.count }

    /// Line `index` (0-based) lexed, or nil when the parser must lex it; handed over, not copied (each line is
    /// taken once).
    mutating func take(_ index: Int) -> LexedLine? {
        var line: LexedLine?
        swap(&line, &lexed[index])
        return line
    }

    /// The byte offsets of line `index` (0-based), without its newline.
    func bounds(ofLine index: Int) -> (start: Int, end: Int) { Self.bounds(ofLine: index, in: source) }

    private static func lineCount(_ source: SourceFile) -> Int {
        source.lineStarts.last == source.bytes.count ? source.lineStarts.count - 1 : source.lineStarts.count
    }

    private static func bounds(ofLine index: Int, in source: SourceFile) -> (start: Int, end: Int) {
        let start = source.lineStarts[index]
        let end = index + 1 < source.lineStarts.count ? source.lineStarts[index + 1] - 1 : source.bytes.count
        return (start, end)
    }

    /// Whether the bytes `[start, end)` contain `.SECTION`.
    private static func namesSection(_ bytes: [UInt8], _ start: Int, _ end: Int) -> Bool {
        let name = Array(".SECTION".utf8)
        guard end - start >= name.count else { return false }
        var index = start
        while index <= end - name.count {
            if bytes[index] == name[0], bytes[index + 1] == name[1], bytes[(index + 2)..<(index + name.count)].elementsEqual(name[2...]) {
                return true
            }
            index += 1
        }
        return false
    }
}
