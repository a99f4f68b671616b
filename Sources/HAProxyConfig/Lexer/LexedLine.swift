import ConfigDiagnostics

/// A problem the line lexer found, as byte offsets in the file.
public struct LexProblem: Sendable, Hashable {
    public var rule: RuleID
    public var severity: Severity
    public var message: String
    public var start: Int
    public var end: Int
}

/// The result of splitting one line into words.
public struct LexedLine: Sendable {
    public var words: [Word] = []
    public var commentStart: Int? = nil
    /// Offset of a backslash that ends the line (HAProxy keeps it as a
    /// literal character; users mean a line continuation).
    public var trailingBackslash: Int? = nil
    /// Set when the line cannot be used (unmatched quote and the like).
    public var isMalformed = false
    public var problems: [LexProblem] = []
}
