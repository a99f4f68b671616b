import ConfigDiagnostics

/// haproxy.cfg text produced from YAML, with the YAML position each line
/// came from, so that problems found in the generated text can be
/// reported where the user wrote them.
public struct GeneratedConfig: Sendable {
    public var text: String
    /// For each generated line (index 0 is line 1), the YAML range it came from.
    public var origins: [SourceRange]

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
        text.split(separator: "\n", omittingEmptySubsequences: false).dropFirst(index).first.map(String.init) ?? ""
    }
}
