/// A keyword line with its words: a section header or a directive inside a
/// section. A statement normally covers one physical line; when the user
/// wrote a backslash continuation (an error HAProxy rejects) the parser
/// reports it and joins the lines, so the statement covers several.
public struct Statement: Sendable, Hashable, Codable {
    /// A `no` or `default` prefix (`no option httplog`).
    public enum Modifier: String, Sendable, Hashable, Codable {
        case no
        case `default`
    }

    /// Index of the file in the document.
    public var file: Int
    /// Index of the first physical line in the file's `lines`.
    public var line: Int
    /// Number of physical lines the statement spans.
    public var lineCount: Int
    /// The `no`/`default` prefix, if any (not part of `words`).
    public var modifier: Modifier?
    /// The word holding the modifier, if any.
    public var modifierWord: Word?
    /// The keyword and its arguments.
    public var words: [Word]

    public init(file: Int, line: Int, lineCount: Int = 1, modifier: Modifier? = nil, modifierWord: Word? = nil, words: [Word]) {
        self.file = file
        self.line = line
        self.lineCount = lineCount
        self.modifier = modifier
        self.modifierWord = modifierWord
        self.words = words
    }

    /// The first word (the keyword).
    public var keyword: String { words.first?.text ?? "" }

    /// Words after the first.
    public var arguments: ArraySlice<Word> { words.dropFirst() }

    /// Byte range of the whole statement (modifier included).
    public var start: Int { modifierWord?.start ?? words.first?.start ?? 0 }
    public var end: Int { words.last?.end ?? start }
}
