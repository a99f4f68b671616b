import ConfigDiagnostics
import HAProxyConfig

/// A condition found in a proxy (`if …`/`unless …` of any rule) split
/// into the ACL names it uses and its anonymous `{ … }` ACLs.
public struct ConditionUse: Sendable {
    /// An ACL referenced by name.
    public struct Reference: Sendable {
        public var name: String
        public var range: SourceRange
    }

    /// The directive the condition belongs to.
    public var directive: Directive
    public var polarity: Condition.Polarity
    public var references: [Reference]
    /// Each anonymous ACL's words (criterion then values) with their ranges.
    public var anonymous: [[(text: String, range: SourceRange)]]
    /// Whether the condition is the single term `TRUE` (`if TRUE`) or `FALSE` under `unless`.
    public var isAlwaysTrue: Bool {
        references.count == 1 && anonymous.isEmpty
            && references[0].name == (polarity == .if ? "TRUE" : "FALSE")
    }
}

extension Proxy {
    /// Every condition of the proxy's rules, in order: the words after an
    /// `if` or `unless` argument of any line but `acl`.
    public var conditions: [ConditionUse] {
        directives.compactMap { directive -> ConditionUse? in
            guard directive.keyword != "acl",
                  let index = directive.arguments.firstIndex(where: { $0 == "if" || $0 == "unless" }) else { return nil }
            var use = ConditionUse(directive: directive, polarity: directive.arguments[index] == "if" ? .if : .unless,
                                   references: [], anonymous: [])
            var depth = 0
            var current: [(text: String, range: SourceRange)] = []
            for position in directive.arguments.indices.dropFirst(index + 1) {
                let word = directive.arguments[position]
                let range = directive.argumentRanges[position]
                if depth > 0 {
                    if word == "}" {
                        depth -= 1
                        use.anonymous.append(current)
                        current = []
                    } else {
                        current.append((word, range))
                    }
                    continue
                }
                // As HAProxy: every leading `!` negates, then the rest is the word (`!{` opens an anonymous ACL).
                let term = word.drop { $0 == "!" }
                if term == "{" {
                    depth += 1
                } else if !term.isEmpty, term.lowercased() != "or", term != "||" {
                    use.references.append(.init(name: String(term), range: range))
                }
            }
            return use
        }
    }
}
