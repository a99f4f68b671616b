/// One word of a keepalived.conf line, after comments, quotes and `$NAME`
/// definitions are resolved, with the bytes it came from.
public struct KeepalivedWord: Sendable, Hashable, Codable {
    public var text: String
    /// Index of the file in `KeepalivedSyntax.files`.
    public var file: Int
    /// Byte offsets `[start, end)` of the raw word in its file.
    public var start: Int
    public var end: Int
    public var isQuoted: Bool

    public init(text: String, file: Int, start: Int, end: Int, isQuoted: Bool = false) {
        self.text = text
        self.file = file
        self.start = start
        self.end = end
        self.isQuoted = isQuoted
    }

    /// Whether this is an unquoted `{` or `}`.
    var isOpenBrace: Bool { !isQuoted && text == "{" }
    var isCloseBrace: Bool { !isQuoted && text == "}" }
}
