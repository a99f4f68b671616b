import ConfigDiagnostics

extension Condition {
    /// The words of a directive before its `if`/`unless`, and the condition after it, for keywords
    /// the IR keeps as generic directives (the standalone `redirect`).
    public static func split(_ directive: Directive) -> (before: [String], condition: Condition?) {
        let arguments = directive.arguments
        guard let index = arguments.firstIndex(where: { $0 == "if" || $0 == "unless" }) else { return (arguments, nil) }
        let ranges = directive.argumentRanges
        let termRanges = ranges.count == arguments.count ? Array(ranges[(index + 1)...]) : []
        let start = ranges.count == arguments.count ? ranges[index].start : directive.range.start
        let condition = Condition(
            polarity: arguments[index] == "if" ? .if : .unless, terms: Array(arguments[(index + 1)...]),
            termRanges: termRanges, range: directive.range.with(start: start, end: directive.range.end))
        return (Array(arguments[..<index]), condition)
    }
}
