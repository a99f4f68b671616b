/// clang-style diagnostics for people:
///
/// ```
/// haproxy.cfg:3:5: error: unknown keyword 'balanse' [keyword-unknown]
///     balanse roundrobin
///     ^~~~~~~
/// haproxy.cfg:3:5: fix-it: replace 'balanse' with 'balance'
/// 1 error generated.
/// ```
///
/// Each diagnostic is its location, severity, message and rule id, then the
/// source line and a caret line, then its notes (with their own excerpt when
/// they have a range) and its fix-its. A summary line closes the output;
/// no diagnostics give no output at all.
public struct TextRenderer: DiagnosticRenderer {
    /// The most columns of a source line shown; longer lines are windowed.
    public static let defaultMaxLineWidth = 120

    private static let noteLabel = "note"
    private static let fixItLabel = "fix-it"

    private let sources: [String: SourceFile]
    private let style: TerminalStyle
    private let maxLineWidth: Int

    /// - Parameters:
    ///   - sources: the files diagnostics point into, keyed by path; a
    ///     diagnostic in a file missing here is shown without its excerpt.
    ///   - useColour: whether to emit ANSI colours.
    ///   - maxLineWidth: the most columns of a source line shown.
    public init(
        sources: [String: SourceFile], useColour: Bool = false,
        maxLineWidth: Int = TextRenderer.defaultMaxLineWidth
    ) {
        self.sources = sources
        self.style = TerminalStyle(isEnabled: useColour)
        self.maxLineWidth = maxLineWidth
    }

    /// Whether colour suits an output: only on a terminal, never when
    /// `NO_COLOR` is set (whatever its value) or `TERM` is `dumb`.
    public static func shouldUseColour(isTTY: Bool, environment: [String: String]) -> Bool {
        isTTY && environment["NO_COLOR"] == nil && environment["TERM"] != "dumb"
    }

    public func render(_ diagnostics: [Diagnostic]) -> String {
        guard let summary = DiagnosticSummary(diagnostics).sentence else { return "" }
        var lines: [String] = []
        for diagnostic in diagnostics {
            append(diagnostic, to: &lines)
        }
        lines.append(summary)
        return lines.joined(separator: "\n") + "\n"
    }

    private func append(_ diagnostic: Diagnostic, to lines: inout [String]) {
        let rule = " [" + diagnostic.rule.rawValue + "]"
        lines.append(
            header(at: diagnostic.range, label: diagnostic.severity.rawValue,
                   attribute: TerminalStyle.attribute(for: diagnostic.severity))
                + style.apply(.bold, diagnostic.message + rule))
        appendExcerpt(of: diagnostic.range, to: &lines)
        for note in diagnostic.notes {
            guard let range = note.range else {
                lines.append(style.apply(.note, Self.noteLabel + ": ") + note.message)
                continue
            }
            lines.append(header(at: range, label: Self.noteLabel, attribute: .note) + note.message)
            appendExcerpt(of: range, to: &lines)
        }
        for fixIt in diagnostic.fixIts {
            let text = FixItEdit.line(fixIt, in: sources[fixIt.range.file])
            lines.append(header(at: fixIt.range, label: Self.fixItLabel, attribute: .fixIt) + text)
        }
    }

    /// `path:line:col: label: `, styled.
    private func header(at range: SourceRange, label: String, attribute: TerminalStyle.Attribute) -> String {
        let location = "\(range.file):\(range.start.line):\(range.start.column): "
        return style.apply(.bold, location) + style.apply(attribute, label + ": ")
    }

    /// The source line of the range's start and its caret line, when known.
    private func appendExcerpt(of range: SourceRange, to lines: inout [String]) {
        guard let source = sources[range.file], (1...source.lineCount).contains(range.start.line) else { return }
        let lineStart = source.lineStarts[range.start.line - 1]
        let start = range.start.offset - lineStart
        let end = range.end.line == range.start.line ? range.end.offset - lineStart : Int.max
        let excerpt = SourceExcerpt(
            lineBytes: source.lineBytes(range.start.line), highlight: start..<max(start, end),
            maxWidth: maxLineWidth)
        let marks = excerpt.caret.drop { $0 == " " }
        lines.append(excerpt.line)
        lines.append(String(excerpt.caret.dropLast(marks.count)) + style.apply(.caret, String(marks)))
    }
}
