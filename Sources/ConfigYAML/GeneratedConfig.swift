import ConfigDiagnostics

/// haproxy.cfg text produced from YAML, with the YAML position each line
/// came from, so that problems found in the generated text can be
/// reported where the user wrote them.
public struct GeneratedConfig: Sendable {
    public let text: String
    /// For each generated line (index 0 is line 1), the YAML range it came from.
    public let origins: [SourceRange]
    /// The generated lines, kept for the notes of relocated findings.
    private let lines: [String]

    /// The configuration made of `lines`, each with the YAML range it came from.
    public init(lines: [String], origins: [SourceRange]) {
        text = lines.joined(separator: "\n") + "\n"
        self.lines = lines
        self.origins = origins
    }

    /// Moves a diagnostic about the generated text to the YAML line it came from.
    public func relocate(_ diagnostic: Diagnostic) -> Diagnostic {
        let line = diagnostic.range.start.line - 1
        guard origins.indices.contains(line) else { return diagnostic }
        var moved = diagnostic
        moved.range = origins[line]
        moved.fixIts = []
        moved.notes.append(DiagnosticNote(message: "in the generated line: \(lineText(line))"))
        return moved
    }

    private func lineText(_ index: Int) -> String {
        lines.indices.contains(index) ? lines[index] : ""
    }
}
