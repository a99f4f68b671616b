/// How many diagnostics of each severity a run produced. Notes attached to
/// a diagnostic are part of it and are not counted; only diagnostics whose
/// own severity is `note` are.
public struct DiagnosticSummary: Sendable, Hashable, Codable {
    public var errors: Int
    public var warnings: Int
    public var notes: Int

    public init(_ diagnostics: [Diagnostic]) {
        errors = diagnostics.count { $0.severity == .error }
        warnings = diagnostics.count { $0.severity == .warning }
        notes = diagnostics.count { $0.severity == .note }
    }

    /// clang's closing line, e.g. `2 errors, 1 warning generated.`; counts of
    /// zero are left out, and nothing at all is `nil`.
    public var sentence: String? {
        let parts = [(errors, "error"), (warnings, "warning"), (notes, "note")]
            .filter { $0.0 > 0 }
            .map { "\($0.0) \($0.1)\($0.0 == 1 ? "" : "s")" }
        return parts.isEmpty ? nil : parts.joined(separator: ", ") + " generated."
    }
}
