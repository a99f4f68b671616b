/// GitHub Actions workflow commands, one line per diagnostic, which GitHub
/// turns into annotations on the pull request:
///
/// ```
/// ::error file=haproxy.cfg,line=3,col=5,endLine=3,endColumn=11,title=keyword-unknown::unknown keyword 'balanse'
/// ```
///
/// Errors are `error`, warnings `warning`, notes `notice`. A diagnostic's
/// notes and fix-its follow its message on lines of their own. GitHub takes
/// columns only on a single line, so a range that spans lines has none.
public struct GitHubRenderer: DiagnosticRenderer {
    private static let noteLabel = "note: "
    private static let fixItLabel = "fix-it: "

    private let sources: [String: SourceFile]

    /// - Parameter sources: the files diagnostics point into, so fix-its can
    ///   quote the text they replace.
    public init(sources: [String: SourceFile] = [:]) {
        self.sources = sources
    }

    public func render(_ diagnostics: [Diagnostic]) -> String {
        diagnostics.map { command(for: $0) + "\n" }.joined()
    }

    private func command(for diagnostic: Diagnostic) -> String {
        let properties = Self.position(of: diagnostic.range) + [("title", diagnostic.rule.rawValue)]
        let message = [diagnostic.message]
            + diagnostic.notes.map { Self.noteLabel + $0.message }
            + diagnostic.fixIts.map { Self.fixItLabel + FixItEdit.line($0, in: sources[$0.range.file]) }
        let list = properties.map { $0.0 + "=" + Self.escapeProperty($0.1) }.joined(separator: ",")
        return "::" + Self.command(for: diagnostic.severity) + " " + list + "::"
            + Self.escapeData(message.joined(separator: "\n"))
    }

    /// The workflow command of a severity.
    static func command(for severity: Severity) -> String {
        switch severity {
        case .error: "error"
        case .warning: "warning"
        case .note: "notice"
        }
    }

    /// `file`, `line`, `endLine` and, on one line, `col` and `endColumn`
    /// (inclusive: the column of the last character).
    private static func position(of range: SourceRange) -> [(String, String)] {
        // A range that ends at the start of a line really ends on the line before.
        let endsAtLineStart = range.end.column == 1 && range.end.line > range.start.line
        let endLine = endsAtLineStart ? range.end.line - 1 : range.end.line
        var properties = [("file", range.file), ("line", String(range.start.line))]
        if endLine == range.start.line && !endsAtLineStart {
            properties.append(("col", String(range.start.column)))
            properties.append(("endLine", String(endLine)))
            properties.append(("endColumn", String(max(range.start.column, range.end.column - 1))))
        } else {
            properties.append(("endLine", String(endLine)))
        }
        return properties
    }

    /// Escapes a command's message as the Actions runner decodes it:
    /// `%`, carriage return and line feed.
    public static func escapeData(_ text: String) -> String {
        escape(text, alsoSeparators: false)
    }

    /// Escapes a property value: as data, plus `:` and `,`.
    public static func escapeProperty(_ text: String) -> String {
        escape(text, alsoSeparators: true)
    }

    private static func escape(_ text: String, alsoSeparators: Bool) -> String {
        var escaped = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "%": escaped += "%25"
            case "\r": escaped += "%0D"
            case "\n": escaped += "%0A"
            case ":" where alsoSeparators: escaped += "%3A"
            case "," where alsoSeparators: escaped += "%2C"
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped
    }
}
