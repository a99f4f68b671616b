import ConfigDiagnostics

extension Condition {
    /// A condition made from words already split off a line (`stats admin if COND` keeps them as arguments).
    public static func written(_ polarity: Polarity, terms: [String], termRanges: [SourceRange], range: SourceRange) -> Condition {
        Condition(polarity: polarity, terms: terms, termRanges: termRanges, range: range)
    }
}
