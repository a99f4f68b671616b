import ConfigDiagnostics

extension Condition {
    /// A condition from words already split (for keywords whose condition the lowering keeps in the directive's arguments).
    public init(polarity: Polarity, words: [String], wordRanges: [SourceRange], range: SourceRange) {
        self.polarity = polarity
        self.terms = words
        self.termRanges = wordRanges
        self.range = range
    }
}
