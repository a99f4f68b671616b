import ConfigDiagnostics
import HAProxyConfig
import RuntimePlan

/// The named ACLs of one proxy, compiled, and the compiler of the
/// conditions that use them.
struct ACLTable {
    /// The outcome of compiling one condition.
    enum Compiled {
        case predicate(Predicate)
        /// The condition uses something the engine does not evaluate.
        case unsupported(String)
        case invalid
    }

    private(set) var named: [NamedACL] = []
    /// Named ACLs that use a fetch the engine does not evaluate, with the reason.
    private var unsupportedNames: [String: String] = [:]
    /// Named ACLs with a line already reported as invalid.
    private var invalidNames: Set<String> = []
    private let parser: ACLParser

    init(proxy: Proxy, context: inout PlanningContext) {
        parser = ACLParser(readPatternFile: context.readPatternFile, proxyName: proxy.name)
        for definition in proxy.acls {
            context.markHandled(definition.range)
            switch parser.parse(ACLTestSpec(definition)) {
            case .success(let test):
                if let index = named.firstIndex(where: { $0.name == definition.name }) {
                    named[index].tests.append(test)
                } else {
                    named.append(NamedACL(name: definition.name, tests: [test]))
                }
            case .failure(.unsupportedFetch(let fetch)):
                unsupportedNames[definition.name] = "ACL '\(definition.name)' uses '\(fetch)'"
            case .failure(.invalid(let reason, let range)):
                let rule = reason.hasPrefix("cannot read") ? PlannerMessage.patternFileUnreadable : PlannerMessage.aclInvalid
                context.error(rule, range == nil ? "ACL '\(definition.name)': \(reason)" : reason, at: range ?? definition.range)
                invalidNames.insert(definition.name)
            }
        }
    }

    /// Compiles a condition, read by the semantic layer (`ConditionExpression`): groups ORed, terms inside a
    /// group ANDed, negations, anonymous ACLs.
    func compile(_ condition: Condition, context: inout PlanningContext) -> Compiled {
        compile(polarity: condition.polarity, condition.expression, range: condition.range, context: &context)
    }

    /// Compiles the terms of a condition written after `if` or `unless` in a directive.
    func compile(polarity: Condition.Polarity, terms: [String], range: SourceRange, context: inout PlanningContext) -> Compiled {
        compile(polarity: polarity, ConditionExpression(terms: terms), range: range, context: &context)
    }

    private func compile(polarity: Condition.Polarity, _ expression: ConditionExpression, range: SourceRange,
                         context: inout PlanningContext) -> Compiled {
        var ands: [Predicate] = []
        for group in expression.groups {
            var predicates: [Predicate] = []
            for term in group {
                let predicate: Predicate
                switch term.operand {
                case .anonymous(let words, let ranges):
                    guard let spec = ACLTestSpec(words: words, ranges: ranges, fallback: range, name: nil) else {
                        context.error(PlannerMessage.aclInvalid, "anonymous ACL without a closing '}'", at: range)
                        return .invalid
                    }
                    switch parser.parse(spec) {
                    case .success(let test): predicate = .test(test)
                    case .failure(.unsupportedFetch(let fetch)): return .unsupported("anonymous ACL uses '\(fetch)'")
                    case .failure(.invalid(let reason, let at)):
                        context.error(PlannerMessage.aclInvalid, at == nil ? "anonymous ACL: \(reason)" : reason, at: at ?? range)
                        return .invalid
                    }
                case .named(let name):
                    if let acl = named.first(where: { $0.name == name }) {
                        predicate = .acl(name: name, tests: acl.tests)
                    } else if let reason = unsupportedNames[name] {
                        return .unsupported(reason)
                    } else if let tests = PredefinedACLs.tests(named: name) {
                        predicate = .acl(name: name, tests: tests)
                    } else if PredefinedACLs.notEvaluated.contains(name) {
                        return .unsupported("predefined ACL '\(name)'")
                    } else if invalidNames.contains(name) {
                        return .invalid
                    } else {
                        context.error(SemanticFindings.aclUndefined, SemanticFindings.aclUndefinedMessage(name), at: term.range ?? range)
                        return .invalid
                    }
                }
                predicates.append(term.negated ? .not(predicate) : predicate)
            }
            ands.append(predicates.count == 1 ? predicates[0] : .and(predicates))
        }
        if expression.hasUnclosedBrace {
            context.error(PlannerMessage.aclInvalid, "anonymous ACL without a closing '}'", at: range)
            return .invalid
        }
        let whole = ands.count == 1 ? ands[0] : .or(ands)
        return .predicate(polarity == .unless ? .not(whole) : whole)
    }
}
