import Foundation

/// weir's JSON output: one document, keys sorted, stable across runs.
///
/// ```
/// {"version": 1,
///  "diagnostics": [{"file", "range": {"start", "end"}, "severity", "rule",
///                   "message", "notes": [...], "fixIts": [...]}],
///  "summary": {"errors", "warnings", "notes"}}
/// ```
///
/// A position is `{"line", "column", "offset"}` (1-based line and byte
/// column, 0-based byte offset); a range is half-open. Notes and fix-its
/// carry their own `file`, which may differ from the diagnostic's.
public struct JSONRenderer: DiagnosticRenderer {
    /// The document's `version`; it changes only when a field changes meaning
    /// or disappears.
    public static let formatVersion = 1

    public init() {}

    public func render(_ diagnostics: [Diagnostic]) -> String {
        let document = Document(
            version: Self.formatVersion,
            diagnostics: diagnostics.map(Entry.init),
            summary: DiagnosticSummary(diagnostics))
        return JSONOutput.encode(document)
    }

    private struct Document: Encodable {
        let version: Int
        let diagnostics: [Entry]
        let summary: DiagnosticSummary
    }

    private struct Span: Encodable {
        let start: SourceLocation
        let end: SourceLocation

        init(_ range: SourceRange) {
            start = range.start
            end = range.end
        }
    }

    private struct Note: Encodable {
        let message: String
        let file: String?
        let range: Span?

        init(_ note: DiagnosticNote) {
            message = note.message
            file = note.range?.file
            range = note.range.map(Span.init)
        }
    }

    private struct Fix: Encodable {
        let message: String
        let file: String
        let range: Span
        let replacement: String

        init(_ fixIt: FixIt) {
            message = fixIt.message
            file = fixIt.range.file
            range = Span(fixIt.range)
            replacement = fixIt.replacement
        }
    }

    private struct Entry: Encodable {
        let file: String
        let range: Span
        let severity: Severity
        let rule: RuleID
        let message: String
        let notes: [Note]
        let fixIts: [Fix]

        init(_ diagnostic: Diagnostic) {
            file = diagnostic.range.file
            range = Span(diagnostic.range)
            severity = diagnostic.severity
            rule = diagnostic.rule
            message = diagnostic.message
            notes = diagnostic.notes.map(Note.init)
            fixIts = diagnostic.fixIts.map(Fix.init)
        }
    }
}
