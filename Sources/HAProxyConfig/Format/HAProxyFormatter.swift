import ConfigDiagnostics

/// Prints haproxy.cfg in Weir's canonical layout, from the lossless tree:
/// section headers at column 0, everything inside a section indented by four
/// spaces, words separated by one space (each word kept exactly as written,
/// quotes and escapes included), runs of blank lines folded to one, trailing
/// blanks dropped, and the columns of consecutive `acl`, `timeout`,
/// `use_backend` and `server` lines aligned. Comments stay where they are.
/// Lines whose meaning could change if touched (unparsable lines, lines
/// glued by a trailing backslash) are kept byte for byte. Formatting its own
/// output changes nothing.
public struct HAProxyFormatter: Sendable {
    /// Keywords whose consecutive lines get their third word aligned.
    static let alignedKeywords: Set<String> = ["acl", "timeout", "use_backend", "server"]
    static let indent = "    "

    public init() {}

    /// The formatted text of one parsed file.
    public func format(_ file: SyntaxFile, sectionKeywords: Set<String>) -> String {
        var printer = LinePrinter(file: file, sectionKeywords: sectionKeywords)
        return printer.run()
    }
}

/// The state of printing one file.
private struct LinePrinter {
    /// A line ready to print: its indentation, words and trailing comment.
    struct Row {
        var indent: String
        var words: [String]
        var comment: String?
        /// Text printed as is (no words).
        var verbatim: String?
        var keyword: String? { words.first }
    }

    let file: SyntaxFile
    let sectionKeywords: Set<String>
    var rows: [Row] = []
    var inSection = false

    init(file: SyntaxFile, sectionKeywords: Set<String>) {
        self.file = file
        self.sectionKeywords = sectionKeywords
    }

    func raw(_ start: Int, _ end: Int) -> String {
        String(decoding: file.source.bytes[start..<end], as: UTF8.self)
    }

    /// The line's text without its terminator, CR or trailing blanks.
    func trimmedRaw(_ line: SyntaxLine) -> String {
        var end = line.end
        let bytes = file.source.bytes
        while end > line.start, [UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r")].contains(bytes[end - 1]) { end -= 1 }
        var start = line.start
        while start < end, bytes[start] == UInt8(ascii: " ") || bytes[start] == UInt8(ascii: "\t") { start += 1 }
        return raw(start, end)
    }

    func comment(_ line: SyntaxLine) -> String? {
        guard let start = line.commentStart else { return nil }
        var text = raw(start, line.end)
        while let last = text.last, last == " " || last == "\t" || last == "\r" { text.removeLast() }
        return text
    }

    /// The words as written; words made by one `${NAME[*]}` expansion share
    /// their source and are printed once.
    func words(_ line: SyntaxLine) -> [String] {
        var result: [String] = []
        var lastEnd = -1
        for word in line.words where word.start >= lastEnd {
            result.append(raw(word.start, word.end))
            lastEnd = word.end
        }
        return result
    }

    mutating func run() -> String {
        let lines = file.lines
        for (index, line) in lines.enumerated() {
            switch line.kind {
            case .blank:
                if let last = rows.last, last.words.isEmpty, last.comment == nil, last.verbatim == "" { continue }
                if rows.isEmpty { continue }
                rows.append(Row(indent: "", words: [], verbatim: ""))
            case .comment:
                let indent = inSection && !nextIsHeader(after: index) ? HAProxyFormatter.indent : ""
                rows.append(Row(indent: indent, words: [], comment: comment(line)))
            case .statement where line.continuesPrevious || endsWithBackslash(line):
                rows.append(Row(indent: "", words: [], verbatim: raw(line.start, line.end)))
            case .statement:
                let printed = words(line)
                let isHeader = printed.first.map { sectionKeywords.contains($0) } ?? false
                if isHeader { inSection = true }
                rows.append(Row(indent: isHeader || !inSection ? "" : HAProxyFormatter.indent, words: printed,
                                comment: comment(line)))
            case .directive:
                rows.append(Row(indent: inSection ? HAProxyFormatter.indent : "", words: words(line), comment: comment(line)))
            case .inactive:
                rows.append(Row(indent: inSection ? HAProxyFormatter.indent : "", words: [], verbatim: trimmedRaw(line)))
            case .malformed:
                rows.append(Row(indent: "", words: [], verbatim: raw(line.start, line.end)))
            }
        }
        while let last = rows.last, last.verbatim == "" { rows.removeLast() }
        align()
        return rows.map(render).joined()
    }

    func endsWithBackslash(_ line: SyntaxLine) -> Bool {
        let text = trimmedRaw(line)
        return text.hasSuffix("\\") && line.commentStart == nil
    }

    /// Whether the next line that is not a comment or blank is a section header.
    func nextIsHeader(after index: Int) -> Bool {
        for line in file.lines[(index + 1)...] where line.kind != .comment && line.kind != .blank {
            return line.kind == .statement && line.words.first.map { sectionKeywords.contains($0.text) } == true
        }
        return false
    }

    /// Pads the second word of consecutive lines with the same aligned keyword.
    mutating func align() {
        var start = 0
        while start < rows.count {
            guard let keyword = rows[start].keyword, HAProxyFormatter.alignedKeywords.contains(keyword) else {
                start += 1
                continue
            }
            var end = start
            while end < rows.count, rows[end].keyword == keyword, rows[end].words.count > 2, rows[end].verbatim == nil {
                end += 1
            }
            if end - start > 1 {
                let width = rows[start..<end].map { $0.words[1].count }.max() ?? 0
                for index in start..<end {
                    let name = rows[index].words[1]
                    rows[index].words[1] = name + String(repeating: " ", count: width - name.count)
                }
            }
            start = max(end, start + 1)
        }
    }

    func render(_ row: Row) -> String {
        if let verbatim = row.verbatim { return (verbatim.isEmpty ? "" : row.indent) + verbatim + "\n" }
        var text = row.indent + row.words.joined(separator: " ")
        if let comment = row.comment { text += row.words.isEmpty ? comment : " " + comment }
        return text + "\n"
    }
}
