import ConfigDiagnostics
import HAProxyConfig

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
            switch parser.parse(criterion: definition.criterion, arguments: definition.arguments) {
            case .success(let test):
                if let index = named.firstIndex(where: { $0.name == definition.name }) {
                    named[index].tests.append(test)
                } else {
                    named.append(NamedACL(name: definition.name, tests: [test]))
                }
            case .failure(.unsupportedFetch(let fetch)):
                unsupportedNames[definition.name] = "ACL '\(definition.name)' uses '\(fetch)'"
            case .failure(.invalid(let reason)):
                let rule = reason.hasPrefix("cannot read") ? PlannerMessage.patternFileUnreadable : PlannerMessage.aclInvalid
                context.error(rule, "ACL '\(definition.name)': \(reason)", at: definition.range)
                invalidNames.insert(definition.name)
            }
        }
    }

    /// Compiles `if|unless` terms: groups separated by `or`/`||` are ORed,
    /// terms inside a group ANDed; `!` negates the next term; `{ … }` is an
    /// anonymous ACL.
    func compile(_ condition: Condition, context: inout PlanningContext) -> Compiled {
        compile(polarity: condition.polarity, terms: condition.terms, range: condition.range, context: &context)
    }

    /// Compiles the terms of a condition written after `if` or `unless` in a directive.
    func compile(polarity: Condition.Polarity, terms: [String], range: SourceRange, context: inout PlanningContext) -> Compiled {
        var groups: [[Predicate]] = [[]]
        var negate = false
        var index = 0
        while index < terms.count {
            var term = Substring(terms[index])
            index += 1
            // As HAProxy: every leading `!` negates, a lone `!` is allowed, `or` resets the negation.
            while term.first == "!" {
                negate.toggle()
                term.removeFirst()
            }
            if term.isEmpty { continue }
            if term.lowercased() == "or" || term == "||" {
                groups.append([])
                negate = false
                continue
            }
            let name = String(term)
            let predicate: Predicate
            if term == "{" {
                guard let close = terms[index...].firstIndex(of: "}"), close > index else {
                    context.error(PlannerMessage.aclInvalid, "anonymous ACL without a closing '}'", at: range)
                    return .invalid
                }
                let inner = Array(terms[index..<close])
                index = close + 1
                switch parser.parse(criterion: inner[0], arguments: Array(inner.dropFirst())) {
                case .success(let test): predicate = .test(test)
                case .failure(.unsupportedFetch(let fetch)): return .unsupported("anonymous ACL uses '\(fetch)'")
                case .failure(.invalid(let reason)):
                    context.error(PlannerMessage.aclInvalid, "anonymous ACL: \(reason)", at: range)
                    return .invalid
                }
            } else if let acl = named.first(where: { $0.name == name }) {
                predicate = .acl(name: name, tests: acl.tests)
            } else if let reason = unsupportedNames[name] {
                return .unsupported(reason)
            } else if let tests = PredefinedACLs.tests(named: name) {
                predicate = .acl(name: name, tests: tests)
            } else if invalidNames.contains(name) {
                return .invalid
            } else {
                context.error(PlannerMessage.aclUndefined, "no ACL named '\(name)' in this section", at: range)
                return .invalid
            }
            groups[groups.count - 1].append(negate ? .not(predicate) : predicate)
            negate = false
        }
        let ands = groups.map { $0.count == 1 ? $0[0] : .and($0) }
        let whole = ands.count == 1 ? ands[0] : .or(ands)
        return .predicate(polarity == .unless ? .not(whole) : whole)
    }
}
