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
    /// `if` or `unless` argument of any line but `acl`, read by the semantic
    /// layer (`ConditionExpression`, which the planner compiles too).
    public var conditions: [ConditionUse] {
        directives.compactMap { directive -> ConditionUse? in
            guard directive.keyword != "acl",
                  let index = directive.arguments.firstIndex(where: { $0 == "if" || $0 == "unless" }) else { return nil }
            let expression = ConditionExpression(terms: Array(directive.arguments[(index + 1)...]),
                                                 ranges: Array(directive.argumentRanges.dropFirst(index + 1)))
            var use = ConditionUse(directive: directive, polarity: directive.arguments[index] == "if" ? .if : .unless,
                                   references: [], anonymous: [])
            for term in expression.terms {
                switch term.operand {
                case .named(let name):
                    use.references.append(.init(name: name, range: term.range ?? directive.range))
                case .anonymous(let words, let ranges):
                    use.anonymous.append(Array(zip(words, ranges)).map { (text: $0.0, range: $0.1) })
                }
            }
            return use
        }
    }
}
