import Foundation

/// Evaluates predicates over `RequestFacts`. Pure: the regular expressions
/// of a plan are compiled once, when the evaluator is made.
public struct ACLEvaluator: Sendable {
    /// One ACL or anonymous test and whether it matched, in evaluation order.
    public struct Outcome: Sendable, Hashable {
        /// The ACL name, or the test as written for an anonymous ACL.
        public var name: String
        public var matched: Bool
    }

    private let regexes: RegexCache

    public init(plan: RuntimePlan) {
        var patterns: Set<RegexCache.Key> = []
        func collect(_ tests: [ACLTest]) {
            for test in tests where test.method == .reg {
                for pattern in test.patterns { patterns.insert(RegexCache.Key(pattern: pattern, ignoreCase: test.ignoreCase)) }
            }
        }
        for frontend in plan.frontends { frontend.acls.forEach { collect($0.tests) } }
        for backend in plan.backends { backend.acls.forEach { collect($0.tests) } }
        func walk(_ predicate: Predicate?) {
            switch predicate {
            case .or(let terms)?, .and(let terms)?: terms.forEach(walk)
            case .not(let term)?: walk(term)
            case .acl(_, let tests)?: collect(tests)
            case .test(let test)?: collect([test])
            case nil: break
            }
        }
        for frontend in plan.frontends {
            (frontend.httpRequestRules + frontend.httpResponseRules + frontend.httpAfterResponseRules).forEach { walk($0.condition) }
            frontend.backendRules.forEach { walk($0.condition) }
            frontend.monitor?.failConditions.forEach(walk)
            frontend.tcpRequestRules.forEach { walk($0.condition) }
        }
        for backend in plan.backends {
            (backend.httpRequestRules + backend.httpResponseRules + backend.httpAfterResponseRules).forEach { walk($0.condition) }
        }
        for predefined in ["HTTP_URL_ABS"] { collect(PredefinedACLs.tests(named: predefined) ?? []) }
        regexes = RegexCache(patterns)
    }

    /// Whether the predicate holds for the request (nothing recorded: the engine's path).
    public func evaluate(_ predicate: Predicate, _ facts: RequestFacts) -> Bool {
        switch predicate {
        case .or(let terms): terms.contains { evaluate($0, facts) }
        case .and(let terms): terms.allSatisfy { evaluate($0, facts) }
        case .not(let term): !evaluate(term, facts)
        case .acl(_, let tests): tests.contains { matches($0, facts) }
        case .test(let test): matches(test, facts)
        }
    }

    /// Whether the predicate holds, recording each ACL evaluated (HAProxy
    /// stops at the first false term of an `and` and the first true one of an `or`).
    public func evaluate(_ predicate: Predicate, _ facts: RequestFacts, trace: inout [Outcome]) -> Bool {
        switch predicate {
        case .or(let terms):
            for term in terms where evaluate(term, facts, trace: &trace) { return true }
            return false
        case .and(let terms):
            for term in terms where !evaluate(term, facts, trace: &trace) { return false }
            return true
        case .not(let term):
            return !evaluate(term, facts, trace: &trace)
        case .acl(let name, let tests):
            let matched = tests.contains { matches($0, facts) }
            trace.append(Outcome(name: name, matched: matched))
            return matched
        case .test(let test):
            let matched = matches(test, facts)
            trace.append(Outcome(name: "{ \(test.text) }", matched: matched))
            return matched
        }
    }

    /// Whether one ACL test matches: any fetched value against any pattern.
    public func matches(_ test: ACLTest, _ facts: RequestFacts) -> Bool {
        let samples = SampleFetcher.fetch(test.fetch, facts)
        switch test.method {
        case .found: return !samples.isEmpty
        case .bool: return samples.contains { $0.truthValue }
        default: break
        }
        for sample in samples {
            for pattern in test.patterns where matches(sample, pattern, test) { return true }
        }
        return false
    }

    private func matches(_ sample: Sample, _ pattern: String, _ test: ACLTest) -> Bool {
        switch test.method {
        case .int:
            guard let value = sample.integerValue, let range = IntegerPattern(pattern) else { return false }
            return range.matches(value)
        case .len:
            guard let range = IntegerPattern(pattern) else { return false }
            return range.matches(Int64(sample.stringValue.utf8.count))
        case .ip:
            guard let address = IPAddressBytes(sample.stringValue), let network = NetworkPattern(pattern) else { return false }
            return network.contains(address)
        case .reg:
            return regexes.matches(sample.stringValue, RegexCache.Key(pattern: pattern, ignoreCase: test.ignoreCase))
        case .str, .beg, .end, .sub, .dom, .dir:
            let value = test.ignoreCase ? sample.stringValue.lowercased() : sample.stringValue
            let wanted = test.ignoreCase ? pattern.lowercased() : pattern
            return StringMatch.matches(value, wanted, test.method)
        case .found, .bool:
            return false
        }
    }
}
