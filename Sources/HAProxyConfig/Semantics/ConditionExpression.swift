import ConfigDiagnostics

/// An `if`/`unless` condition read once, the way HAProxy 2.6 reads one
/// (`parse_acl_cond` in src/acl.c): terms ANDed inside a group, groups
/// separated by `or` or `||` ORed, every leading `!` of a word negating the
/// next term (a lone `!` too; `or` resets it), `{ … }` an anonymous ACL. The
/// checker's reference rules and the planner's predicate compiler both read it.
public struct ConditionExpression: Sendable, Hashable {
    /// What a term tests.
    public enum Operand: Sendable, Hashable {
        /// An ACL by name (declared, or predefined such as `TRUE` or `HTTP`).
        case named(String)
        /// `{ criterion flags values }`: the words between the braces, with their ranges when known.
        case anonymous(words: [String], ranges: [SourceRange])
    }

    /// One term of a group.
    public struct Term: Sendable, Hashable {
        public var negated: Bool
        public var operand: Operand
        /// The word that names the ACL, or the `{` that opens the anonymous one; nil when the words came without ranges.
        public var range: SourceRange?
    }

    /// The groups, ORed; the terms of each, ANDed.
    public var groups: [[Term]]
    /// Whether an anonymous ACL's `{` is never closed (its words are then no term).
    public var hasUnclosedBrace = false
    /// That `{`, when the words came with ranges.
    public var unclosedBraceRange: SourceRange?

    /// Reads the words after `if` or `unless`; `ranges`, when given, has one range per word.
    public init(terms words: [String], ranges: [SourceRange]? = nil) {
        groups = [[]]
        var negated = false
        var index = 0
        func range(_ position: Int) -> SourceRange? {
            guard let ranges, position < ranges.count else { return nil }
            return ranges[position]
        }
        while index < words.count {
            let position = index
            var term = Substring(words[index])
            index += 1
            while term.first == "!" {
                negated.toggle()
                term.removeFirst()
            }
            if term.isEmpty { continue }
            if term.lowercased() == "or" || term == "||" {
                groups.append([])
                negated = false
                continue
            }
            let operand: Operand
            if term == "{" {
                guard let close = words[index...].firstIndex(of: "}") else {
                    hasUnclosedBrace = true
                    unclosedBraceRange = range(position)
                    return
                }
                operand = .anonymous(words: Array(words[index..<close]), ranges: (index..<close).compactMap(range))
                index = close + 1
            } else {
                operand = .named(String(term))
            }
            groups[groups.count - 1].append(Term(negated: negated, operand: operand, range: range(position)))
            negated = false
        }
    }

    /// Every term in order, groups flattened.
    public var terms: [Term] { groups.flatMap { $0 } }
}

extension Condition {
    /// The condition's terms read as an expression.
    public var expression: ConditionExpression { ConditionExpression(terms: terms, ranges: termRanges) }
}
