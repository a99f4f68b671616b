extension RuntimePlan {
    /// The `proc` variables the `global` section sets, computed as HAProxy does at start (no request:
    /// only constants, other variables and converters give values).
    public var initialProcessVariables: [String: Sample] {
        var facts = RequestFacts()
        for rule in global.variables ?? [] { RuleActions.setVariable(rule, &facts) }
        return facts.variables
    }
}
