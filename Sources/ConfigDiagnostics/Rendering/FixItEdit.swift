/// A fix-it's edit in words, as the text and GitHub renderers show it:
/// `replace 'old' with 'new'`, `insert 'new'` or `remove 'old'`.
enum FixItEdit {
    static func replace(_ old: String, with new: String) -> String { "replace \(old) with \(new)" }
    static func insert(_ new: String) -> String { "insert \(new)" }
    static func remove(_ old: String) -> String { "remove \(old)" }

    /// The edit of `fixIt`, quoting the replaced text from `source` when it
    /// is known and naming the range (`3:5-3:12`) when it is not.
    static func describe(_ fixIt: FixIt, in source: SourceFile?) -> String {
        let new = quote(Array(fixIt.replacement.utf8)[...])
        if fixIt.range.start.offset == fixIt.range.end.offset { return insert(new) }
        let old = oldText(fixIt.range, in: source)
        return fixIt.replacement.isEmpty ? remove(old) : replace(old, with: new)
    }

    /// The line of a fix-it, `MESSAGE: EDIT` or just the edit.
    static func line(_ fixIt: FixIt, in source: SourceFile?) -> String {
        let edit = describe(fixIt, in: source)
        return fixIt.message.isEmpty ? edit : fixIt.message + ": " + edit
    }

    private static func oldText(_ range: SourceRange, in source: SourceFile?) -> String {
        guard let source, range.end.offset <= source.bytes.count else {
            return "\(range.start.line):\(range.start.column)-\(range.end.line):\(range.end.column)"
        }
        return quote(source.bytes[range.start.offset..<range.end.offset])
    }

    private static func quote(_ bytes: ArraySlice<UInt8>) -> String {
        "'" + DisplayCells.quoted(bytes) + "'"
    }
}
