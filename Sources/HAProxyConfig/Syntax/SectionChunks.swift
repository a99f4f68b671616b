/// The sections of a configuration cut into runs of consecutive sections of
/// about the same number of statements, so that work done section by
/// section (validating keywords, lowering) runs side by side on every core
/// and its results are put back together in order.
struct SectionChunks: Sendable {
    /// Each run, as indices into `ConfigSyntax.sections`, in order; no run is empty.
    let ranges: [Range<Int>]

    /// About `maximumCount` runs. A section is never cut, so one large
    /// section (a frontend with thousands of rules) makes a run of its own.
    init(_ sections: [SyntaxSection], maximumCount: Int = 16) {
        let total = sections.reduce(0) { $0 + 1 + $1.statements.count }
        let target = max(1, (total + maximumCount - 1) / maximumCount)
        var ranges: [Range<Int>] = []
        var start = 0
        var size = 0
        for (index, section) in sections.enumerated() {
            size += 1 + section.statements.count
            if size >= target {
                ranges.append(start..<(index + 1))
                start = index + 1
                size = 0
            }
        }
        if start < sections.count { ranges.append(start..<sections.count) }
        self.ranges = ranges
    }

    var count: Int { ranges.count }
}
