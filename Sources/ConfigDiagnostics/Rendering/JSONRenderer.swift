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
        // About 250 bytes per finding: one allocation for most documents.
        var json = JSONWriter(capacity: 256 * (diagnostics.count + 1))
        json.raw("{")
        json.key("diagnostics")
        json.array(diagnostics, Self.write)
        json.raw(",")
        json.key("summary")
        let summary = DiagnosticSummary(diagnostics)
        json.raw("{")
        json.key("errors")
        json.number(summary.errors)
        json.raw(",")
        json.key("notes")
        json.number(summary.notes)
        json.raw(",")
        json.key("warnings")
        json.number(summary.warnings)
        json.raw("},")
        json.key("version")
        json.number(Self.formatVersion)
        json.raw("}\n")
        return json.text
    }

    /// One diagnostic; keys in sorted order, as in the rest of weir's JSON.
    private static func write(_ json: inout JSONWriter, _ diagnostic: Diagnostic) {
        json.raw("{")
        json.key("file")
        json.string(diagnostic.range.file)
        json.raw(",")
        json.key("fixIts")
        json.array(diagnostic.fixIts) { json, fixIt in
            json.raw("{")
            json.key("file")
            json.string(fixIt.range.file)
            json.raw(",")
            json.key("message")
            json.string(fixIt.message)
            json.raw(",")
            json.key("range")
            span(&json, fixIt.range)
            json.raw(",")
            json.key("replacement")
            json.string(fixIt.replacement)
            json.raw("}")
        }
        json.raw(",")
        json.key("message")
        json.string(diagnostic.message)
        json.raw(",")
        json.key("notes")
        json.array(diagnostic.notes) { json, note in
            json.raw("{")
            if let range = note.range {
                json.key("file")
                json.string(range.file)
                json.raw(",")
            }
            json.key("message")
            json.string(note.message)
            if let range = note.range {
                json.raw(",")
                json.key("range")
                span(&json, range)
            }
            json.raw("}")
        }
        json.raw(",")
        json.key("range")
        span(&json, diagnostic.range)
        json.raw(",")
        json.key("rule")
        json.string(diagnostic.rule.rawValue)
        json.raw(",")
        json.key("severity")
        json.string(diagnostic.severity.rawValue)
        json.raw("}")
    }

    private static func span(_ json: inout JSONWriter, _ range: SourceRange) {
        json.raw("{")
        json.key("end")
        location(&json, range.end)
        json.raw(",")
        json.key("start")
        location(&json, range.start)
        json.raw("}")
    }

    private static func location(_ json: inout JSONWriter, _ location: SourceLocation) {
        json.raw("{")
        json.key("column")
        json.number(location.column)
        json.raw(",")
        json.key("line")
        json.number(location.line)
        json.raw(",")
        json.key("offset")
        json.number(location.offset)
        json.raw("}")
    }
}
