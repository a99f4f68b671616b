/// Renders a `Grammar/` table as a Swift source file that embeds it, so the
/// parsers carry the grammar without reading files at run time. A test
/// compares the checked-in file with this rendering.
public enum GeneratedSource {
    /// The Swift text for a file that defines `public let <name>: String`
    /// holding `table` verbatim.
    public static func render(name: String, from grammarFile: String, table: String) -> String {
        var hashes = "#"
        while table.contains("\"\"\"" + hashes) { hashes += "#" }
        return """
        // generated from Grammar/\(grammarFile), do not edit.
        // Regenerate: WEIR_REGENERATE=1 swift test --filter GeneratedGrammarTests

        /// The text of `Grammar/\(grammarFile)`.
        public let \(name): String = \(hashes)\"\"\"
        \(table.hasSuffix("\n") ? String(table.dropLast()) : table)
        \"\"\"\(hashes)

        """
    }
}
