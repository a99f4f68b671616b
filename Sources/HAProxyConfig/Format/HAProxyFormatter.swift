import ConfigDiagnostics

/// Prints haproxy.cfg in Weir's canonical layout, from the lossless tree:
/// section headers at column 0, everything inside a section indented by four
/// spaces, words separated by one space (each word kept exactly as written,
/// quotes and escapes included), runs of blank lines folded to one, trailing
/// blanks dropped, and the columns of consecutive `acl`, `timeout`,
/// `use_backend` and `server` lines aligned. Comments stay where they are.
/// Lines whose meaning could change if touched (unparsable lines, lines
/// glued by a trailing backslash, lines HAProxy stops reading early at a NUL
/// or a bare CR) are kept byte for byte. The output is bytes: a byte that is
/// not UTF-8 is copied, never replaced. Formatting its own output changes
/// nothing, and the work is linear in the size of the file.
public struct HAProxyFormatter: Sendable {
    /// Keywords whose consecutive lines get their third word aligned.
    static let alignedKeywords: Set<String> = ["acl", "timeout", "use_backend", "server"]
    static let indent = Array("    ".utf8)

    public init() {}

    /// The formatted text of one parsed file (for text that is UTF-8; `formattedBytes` keeps any byte).
    public func format(_ file: SyntaxFile, sectionKeywords: Set<String>) -> String {
        String(decoding: formattedBytes(file, sectionKeywords: sectionKeywords), as: UTF8.self)
    }

    /// The formatted bytes of one parsed file.
    public func formattedBytes(_ file: SyntaxFile, sectionKeywords: Set<String>) -> [UInt8] {
        var printer = LinePrinter(file: file, sectionKeywords: sectionKeywords)
        return printer.run()
    }
}

/// The state of printing one file.
private struct LinePrinter {
    /// A line ready to print: its indentation, words and trailing comment.
    struct Row {
        var indent: [UInt8]
        var words: [[UInt8]]
        var comment: [UInt8]?
        /// Bytes printed as they are (no words).
        var verbatim: [UInt8]?
        var keyword: [UInt8]? { words.first }
    }

    let file: SyntaxFile
    let sectionKeywords: Set<String>
    var rows: [Row] = []
    var inSection = false
    /// For each line, whether the next line that is not a comment or blank is a section header.
    var headerFollows: [Bool] = []

    init(file: SyntaxFile, sectionKeywords: Set<String>) {
        self.file = file
        self.sectionKeywords = sectionKeywords
    }

    func raw(_ start: Int, _ end: Int) -> [UInt8] {
        Array(file.source.bytes[start..<end])
    }

    static func isBlank(_ byte: UInt8) -> Bool { byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }

    /// The line's bytes without its terminator, CR or trailing blanks.
    func trimmedRaw(_ line: SyntaxLine) -> [UInt8] {
        var end = line.end
        let bytes = file.source.bytes
        while end > line.start, Self.isBlank(bytes[end - 1]) || bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        var start = line.start
        while start < end, Self.isBlank(bytes[start]) { start += 1 }
        return raw(start, end)
    }

    func comment(_ line: SyntaxLine) -> [UInt8]? {
        guard let start = line.commentStart else { return nil }
        var text = raw(start, line.end)
        while let last = text.last, Self.isBlank(last) || last == UInt8(ascii: "\r") { text.removeLast() }
        return text
    }

    /// Whether HAProxy stops reading the line before its end (at a NUL or a
    /// CR) with something other than blanks after the stop: the formatter
    /// would lose those bytes, so the line is kept as it is.
    func stopsEarly(_ line: SyntaxLine) -> Bool {
        let bytes = file.source.bytes
        var index = line.start
        while index < line.end, bytes[index] != 0, bytes[index] != UInt8(ascii: "\r") { index += 1 }
        guard index < line.end else { return false }
        return bytes[index..<line.end].contains { !Self.isBlank($0) && $0 != UInt8(ascii: "\r") }
    }

    /// The words as written; words made by one `${NAME[*]}` expansion share
    /// their source and are printed once.
    func words(_ line: SyntaxLine) -> [[UInt8]] {
        var result: [[UInt8]] = []
        var lastEnd = -1
        for word in line.words where word.start >= lastEnd {
            result.append(raw(word.start, word.end))
            lastEnd = word.end
        }
        return result
    }

    func isHeader(_ line: SyntaxLine) -> Bool {
        line.kind == .statement && line.words.first.map { sectionKeywords.contains($0.text) } == true
    }

    mutating func run() -> [UInt8] {
        let lines = file.lines
        headerFollows = Array(repeating: false, count: lines.count)
        var next = false
        for index in lines.indices.reversed() {
            headerFollows[index] = next
            if lines[index].kind != .comment && lines[index].kind != .blank { next = isHeader(lines[index]) }
        }
        for (index, line) in lines.enumerated() {
            if isHeader(line) { inSection = true }
            if stopsEarly(line) {
                rows.append(Row(indent: [], words: [], verbatim: raw(line.start, line.end)))
                continue
            }
            switch line.kind {
            case .blank:
                if let last = rows.last, last.words.isEmpty, last.comment == nil, last.verbatim == [] { continue }
                if rows.isEmpty { continue }
                rows.append(Row(indent: [], words: [], verbatim: []))
            case .comment:
                let indent = inSection && !headerFollows[index] ? HAProxyFormatter.indent : []
                rows.append(Row(indent: indent, words: [], comment: comment(line)))
            case .statement where line.continuesPrevious || endsWithBackslash(line):
                rows.append(Row(indent: [], words: [], verbatim: raw(line.start, line.end)))
            case .statement:
                let header = isHeader(line)
                rows.append(Row(indent: header || !inSection ? [] : HAProxyFormatter.indent, words: words(line),
                                comment: comment(line)))
            case .directive:
                rows.append(Row(indent: inSection ? HAProxyFormatter.indent : [], words: words(line), comment: comment(line)))
            case .inactive:
                rows.append(Row(indent: inSection ? HAProxyFormatter.indent : [], words: [], verbatim: trimmedRaw(line)))
            case .malformed:
                rows.append(Row(indent: [], words: [], verbatim: raw(line.start, line.end)))
            }
        }
        while let last = rows.last, last.verbatim == [] { rows.removeLast() }
        align()
        var output: [UInt8] = []
        output.reserveCapacity(file.source.bytes.count + rows.count)
        for row in rows { render(row, into: &output) }
        return output
    }

    func endsWithBackslash(_ line: SyntaxLine) -> Bool {
        trimmedRaw(line).last == UInt8(ascii: "\\") && line.commentStart == nil
    }

    /// Pads the second word of consecutive lines with the same aligned keyword.
    mutating func align() {
        let aligned = Set(HAProxyFormatter.alignedKeywords.map { Array($0.utf8) })
        var start = 0
        while start < rows.count {
            guard let keyword = rows[start].keyword, aligned.contains(keyword) else {
                start += 1
                continue
            }
            var end = start
            while end < rows.count, rows[end].keyword == keyword, rows[end].words.count > 2, rows[end].verbatim == nil {
                end += 1
            }
            if end - start > 1 {
                let width = rows[start..<end].map { Self.width($0.words[1]) }.max() ?? 0
                for index in start..<end {
                    let name = rows[index].words[1]
                    rows[index].words[1] = name + [UInt8](repeating: UInt8(ascii: " "), count: width - Self.width(name))
                }
            }
            start = max(end, start + 1)
        }
    }

    /// Columns a word takes: one per character when it is UTF-8, else one per byte.
    static func width(_ word: [UInt8]) -> Int {
        String(validating: word, as: UTF8.self)?.count ?? word.count
    }

    func render(_ row: Row, into output: inout [UInt8]) {
        if let verbatim = row.verbatim {
            if !verbatim.isEmpty { output += row.indent + verbatim }
            output.append(UInt8(ascii: "\n"))
            return
        }
        output += row.indent
        for (index, word) in row.words.enumerated() {
            if index > 0 { output.append(UInt8(ascii: " ")) }
            output += word
        }
        if let comment = row.comment {
            if !row.words.isEmpty { output.append(UInt8(ascii: " ")) }
            output += comment
        }
        output.append(UInt8(ascii: "\n"))
    }
}
