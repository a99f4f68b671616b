import ConfigDiagnostics

extension SourceRange {
    /// The part `[from, to)` (UTF-8 offsets) of a word written at this range,
    /// or the whole range when the word is not written as its text (quoted,
    /// escaped or continued on another line).
    func slice(of word: String, from: Int, to: Int) -> SourceRange {
        guard end.offset - start.offset == word.utf8.count, start.line == end.line else { return self }
        var result = self
        result.start.offset += from
        result.start.column += from
        result.end = result.start
        result.end.offset += to - from
        result.end.column += to - from
        return result
    }
}
