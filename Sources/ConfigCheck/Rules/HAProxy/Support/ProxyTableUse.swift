import ConfigDiagnostics
import HAProxyConfig

/// How one proxy uses stick tables: its `track-scN` rules, the table
/// fetches in its lines and where each is evaluated.
struct ProxyTableUse: Sendable {
    /// A `track-scN` action.
    struct Track: Sendable {
        var counter: Int
        /// The `table NAME` argument, else nil for the proxy's own table.
        var table: (name: String, range: SourceRange)?
        var point: EvaluationPoint
        /// The action word (`track-sc0`).
        var range: SourceRange
    }

    /// A table fetch and the places it is evaluated.
    struct Use: Sendable {
        var fetch: TableFetch
        /// Where it runs: its own line, or each line that uses its ACL.
        var points: [EvaluationPoint]
    }

    let proxy: EffectiveProxy
    private(set) var tracks: [Track] = []
    private(set) var uses: [Use] = []

    init(_ proxy: EffectiveProxy) {
        self.proxy = proxy
        for inherited in proxy.chain {
            tracks += Self.tracks(in: inherited, inherited: true)
        }
        tracks += Self.tracks(in: proxy.proxy, inherited: false)
        let directives = proxy.proxy.directives
        var found: [(fetch: TableFetch, acl: String?, point: EvaluationPoint)] = []
        for (position, directive) in directives.enumerated() where directive.mayHoldExpressions {
            let isACL = directive.keyword == "acl" && directive.arguments.count > 1
            let point = EvaluationPoint(phase: RulePhase(keyword: directive.keyword), position: position)
            for (index, word) in directive.arguments.enumerated() where !(isACL && index == 0) {
                for fetch in TableFetch.scan(word, at: directive.argumentRanges[index]) {
                    found.append((fetch, isACL ? directive.arguments[0] : nil, point))
                }
            }
        }
        // A fetch in a named ACL runs where a condition uses the ACL.
        var aclPoints: [String: [EvaluationPoint]] = [:]
        if found.contains(where: { $0.acl != nil }) {
            let positions = Self.positions(of: directives)
            for use in proxy.proxy.conditions {
                let point = EvaluationPoint(phase: RulePhase(keyword: use.directive.keyword),
                                            position: positions[use.directive.range.start.offset] ?? 0)
                for reference in use.references { aclPoints[reference.name, default: []].append(point) }
            }
        }
        uses = found.map { Use(fetch: $0.fetch, points: $0.acl.map { aclPoints[$0] ?? [] } ?? [$0.point]) }
    }

    /// The `track-scN` rules of a proxy or defaults section.
    static func tracks(in proxy: Proxy, inherited: Bool) -> [Track] {
        let tracking = proxy.rules.filter { $0.action.hasPrefix("track-sc") }
        let positions = tracking.isEmpty || inherited ? [:] : Self.positions(of: proxy.directives)
        return tracking.compactMap { rule -> Track? in
            guard rule.action.hasPrefix("track-sc"), let counter = Int(rule.action.dropFirst("track-sc".count)) else {
                return nil
            }
            var table: (String, SourceRange)? = nil
            if let index = rule.arguments.firstIndex(of: "table"), index + 1 < rule.arguments.count {
                table = (rule.arguments[index + 1], rule.argumentRanges[index + 1])
            }
            let phase = RulePhase(keyword: rule.hook)
            let position = inherited ? -1 : positions[rule.range.start.offset] ?? -1
            return Track(counter: counter, table: table, point: EvaluationPoint(phase: phase, position: position),
                         range: rule.actionRange)
        }
    }

    /// Each directive's index, by the byte offset where it starts.
    static func positions(of directives: [Directive]) -> [Int: Int] {
        Dictionary(directives.enumerated().map { ($1.range.start.offset, $0) }) { first, _ in first }
    }

    /// The tracks of a counter that run before a point.
    func tracks(of counter: Int, before point: EvaluationPoint) -> [Track] {
        tracks.filter { $0.counter == counter && $0.point < point }
    }

    /// The table name a track fills.
    func tableName(of track: Track) -> String? { track.table?.name ?? proxy.proxy.name }
}
