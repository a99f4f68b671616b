import ConfigDiagnostics

/// The `if`/`unless` condition of a rule: the words after the keyword,
/// kept as written (the planner compiles them into predicate trees).
public struct Condition: Sendable, Hashable, Codable {
    /// `if` or `unless`.
    public enum Polarity: String, Sendable, Hashable, Codable {
        case `if`
        case unless
    }

    public var polarity: Polarity
    /// The condition's words: ACL names, `!`, `or`, `||`, and `{ … }` anonymous ACLs.
    public var terms: [String]
    /// Where each term is.
    public var termRanges: [SourceRange]
    public var range: SourceRange

    /// Splits `words` at the first unquoted `if`/`unless`.
    static func split(_ words: [Word], in file: SyntaxFile) -> (before: [Word], condition: Condition?) {
        guard let index = words.firstIndex(where: { !$0.isQuoted && ($0.text == "if" || $0.text == "unless") }) else {
            return (words, nil)
        }
        let terms = words[(index + 1)...]
        let end = terms.last?.end ?? words[index].end
        let condition = Condition(
            polarity: words[index].text == "if" ? .if : .unless, terms: terms.map(\.text),
            termRanges: terms.map { file.range(of: $0) }, range: file.source.range(words[index].start, end))
        return (Array(words[..<index]), condition)
    }
}

/// `acl <name> <criterion> [flags] [values]`.
public struct ACLDefinition: Sendable, Hashable, Codable {
    public var name: String
    /// The fetch or ACL keyword (`path_beg`, `hdr(host)`, `src`).
    public var criterion: String
    /// Flags (`-i`, `-m beg`, `-f file`) and values, as written.
    public var arguments: [String]
    public var nameRange: SourceRange
    public var criterionRange: SourceRange
    public var argumentRanges: [SourceRange]
    public var range: SourceRange
}

/// `use_backend <name> if|unless <condition>`.
public struct UseBackendRule: Sendable, Hashable, Codable {
    public var backend: String
    public var backendRange: SourceRange
    public var condition: Condition?
    public var range: SourceRange
}

/// An `http-request`, `http-response`, `tcp-request` or `tcp-response` rule.
public struct ActionRule: Sendable, Hashable, Codable {
    /// `http-request`, `tcp-request content`, …
    public var hook: String
    /// `deny`, `set-header`, `track-sc0`, …
    public var action: String
    public var actionRange: SourceRange
    /// Words between the action and the condition.
    public var arguments: [String]
    public var argumentRanges: [SourceRange]
    public var condition: Condition?
    public var range: SourceRange
}
