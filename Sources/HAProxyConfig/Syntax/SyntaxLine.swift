/// One physical line of a haproxy.cfg file, as the lexer split it.
///
/// Lines are never dropped: blank lines, comments and lines masked out by a
/// false `.if` stay in the tree so the printer can reproduce the file.
public struct SyntaxLine: Sendable, Hashable, Codable {
    /// What the line is.
    public enum Kind: String, Sendable, Hashable, Codable {
        /// Only blanks.
        case blank
        /// Only a comment.
        case comment
        /// A section header or a keyword line.
        case statement
        /// A `.if`, `.elif`, `.else`, `.endif`, `.diag`, `.notice`, `.warning` or `.alert` line.
        case directive
        /// A line inside a conditional branch that is not taken.
        case inactive
        /// A line that could not be split into words (unmatched quote, bad escape…).
        case malformed
    }

    public var kind: Kind
    /// 1-based line number in its file.
    public var number: Int
    /// Byte offsets of the line without its terminator.
    public var start: Int
    public var end: Int
    /// The words, in order (empty for blank, comment, inactive and malformed lines).
    public var words: [Word]
    /// Byte offset where a trailing `#` comment starts, if any.
    public var commentStart: Int?
    /// Whether this line was glued to the previous one by a trailing backslash
    /// (which HAProxy does not support; the lexer reports it and joins them
    /// so that the rest of the line is still checked).
    public var continuesPrevious: Bool

    public init(
        kind: Kind, number: Int, start: Int, end: Int, words: [Word] = [],
        commentStart: Int? = nil, continuesPrevious: Bool = false
    ) {
        self.kind = kind
        self.number = number
        self.start = start
        self.end = end
        self.words = words
        self.commentStart = commentStart
        self.continuesPrevious = continuesPrevious
    }
}
