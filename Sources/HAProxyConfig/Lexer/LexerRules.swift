import ConfigDiagnostics

extension RuleID {
    static let unmatchedQuote = RuleID("unmatched-quote")
    static let invalidHexEscape = RuleID("invalid-hex-escape")
    static let invalidVariableName = RuleID("invalid-variable-name")
    static let unmatchedVariableBrace = RuleID("unmatched-variable-brace")
    static let invalidWordExpansion = RuleID("invalid-word-expansion")
    static let unsetVariable = RuleID("unset-variable")
    static let lineContinuation = RuleID("line-continuation")
    static let strayNulByte = RuleID("stray-nul-byte")
    static let missingFinalNewline = RuleID("missing-final-newline")
    static let tooManyWords = RuleID("too-many-words")
}

/// The lexer's messages, kept beside the rule ids they belong to.
enum LexerMessage {
    static let unmatchedQuote = "unmatched quote: the word starting here is never closed"
    static let invalidHexEscape = "truncated or invalid hexadecimal escape: '\\x' needs two hex digits"
    static let invalidVariableName = "an environment variable name must start with a letter, '_' or '.'"
    static let unmatchedVariableBrace = "unmatched brace in environment variable name"
    static let invalidWordExpansion = "invalid word expansion: only '[*]' is allowed after a variable name"
    static func unsetVariable(_ name: String) -> String {
        "environment variable '\(name)' is not set: HAProxy expands it to an empty string"
    }
    static func unknownPseudoVariable(_ name: String) -> String {
        "unknown internal variable '\(name)': only .FILE, .LINE and .SECTION exist"
    }
    static let lineContinuation =
        "HAProxy has no line continuation: this backslash is kept as a literal character and the next line is read as a new statement"
    static let lineContinuationFix = "join the lines"
    static let strayNulByte = "stray NUL byte: HAProxy stops reading the line here"
    static let missingFinalNewline = "the last line has no newline: HAProxy treats the file as truncated and refuses it"
    static let missingFinalNewlineFix = "add a newline"
    static let tooManyWords = "too many words on one line: HAProxy accepts at most 64"
}
