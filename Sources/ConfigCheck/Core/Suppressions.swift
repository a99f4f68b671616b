import ConfigDiagnostics

/// The `# weir:disable=ID[,ID…]` comments of the inputs and what they cover.
///
/// - At the end of a line: that line; on a section or block header, the
///   whole section or block.
/// - On a line of its own: the next statement, or the next section or block
///   when that statement opens one.
/// - `# weir:disable-file=ID`: the whole file.
/// `all` stands for every rule.
public struct Suppressions: Sendable {
    /// A run of lines that a comment can cover: a statement or a whole section/block.
    public struct Span: Sendable, Hashable {
        public var firstLine: Int
        public var lastLine: Int

        public init(firstLine: Int, lastLine: Int) {
            self.firstLine = firstLine
            self.lastLine = lastLine
        }
    }

    private struct Scope {
        var file: String
        var lines: ClosedRange<Int>
        var rules: Set<String>
    }

    private var scopes: [Scope] = []

    public init() {}

    /// Reads the comments of one file, given its statements and sections as spans.
    public mutating func read(_ file: SourceFile, spans: [Span]) {
        let sorted = spans.sorted { ($0.firstLine, -$0.lastLine) < ($1.firstLine, -$1.lastLine) }
        for line in 1...max(1, file.lineCount) {
            guard let comment = Self.comment(in: file.lineText(line)) else { continue }
            let lines: ClosedRange<Int>
            if comment.wholeFile {
                lines = 1...max(1, file.lineCount)
            } else if comment.trailing {
                let span = sorted.first { $0.firstLine == line }
                lines = line...max(line, span?.lastLine ?? line)
            } else if let span = sorted.first(where: { $0.firstLine > line }) {
                lines = span.firstLine...span.lastLine
            } else {
                continue
            }
            scopes.append(Scope(file: file.path, lines: lines, rules: comment.rules))
        }
    }

    /// Whether a comment silences a diagnostic.
    public func covers(_ diagnostic: Diagnostic) -> Bool {
        scopes.contains { scope in
            scope.file == diagnostic.range.file && scope.lines.contains(diagnostic.range.start.line)
                && (scope.rules.contains(diagnostic.rule.rawValue) || scope.rules.contains("all"))
        }
    }

    /// Drops the diagnostics a comment silences.
    public func apply(to diagnostics: [Diagnostic]) -> [Diagnostic] {
        scopes.isEmpty ? diagnostics : diagnostics.filter { !covers($0) }
    }

    private static let marker = "weir:disable"

    /// The suppression comment of a line, if any: `#` or `!` then `weir:disable=` or `weir:disable-file=`.
    static func comment(in text: String) -> (rules: Set<String>, trailing: Bool, wholeFile: Bool)? {
        guard let offset = text.byteOffset(of: marker) else { return nil }
        let start = text.utf8.index(text.utf8.startIndex, offsetBy: offset)
        let markerRange = start..<text.utf8.index(start, offsetBy: marker.utf8.count)
        let before = text[..<markerRange.lowerBound].reversed().drop { $0 == " " || $0 == "\t" }
        guard let commentChar = before.first, commentChar == "#" || commentChar == "!" else { return nil }
        let code = before.dropFirst().drop { $0 == " " || $0 == "\t" }
        var rest = text[markerRange.upperBound...]
        let wholeFile = rest.hasPrefix("-file")
        if wholeFile { rest = rest.dropFirst("-file".count) }
        guard rest.hasPrefix("=") else { return nil }
        let list = rest.dropFirst().prefix { !$0.isWhitespace }
        let rules = Set(list.split(separator: ",").map(String.init))
        return rules.isEmpty ? nil : (rules, !code.isEmpty, wholeFile)
    }
}
