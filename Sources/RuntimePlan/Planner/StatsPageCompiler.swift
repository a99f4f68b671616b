import ConfigDiagnostics
import HAProxyConfig
import RuntimePlan

/// Compiles the `stats` lines of a frontend or listen section into its
/// stats page; `stats http-request` and `show-modules` stay unsupported.
struct StatsPageCompiler {
    let proxy: Proxy
    let acls: ACLTable

    static let keywords: Set<String> = [
        "stats enable", "stats uri", "stats realm", "stats auth", "stats refresh", "stats hide-version", "stats show-legends",
        "stats show-node", "stats show-desc", "stats scope", "stats admin",
    ]

    func compile(context: inout PlanningContext) -> StatsPagePlan? {
        let lines = proxy.directives.filter { Self.keywords.contains($0.keyword) }
        guard !lines.isEmpty else { return nil }
        var page = StatsPagePlan()
        for line in lines {
            let words = line.arguments
            switch line.keyword {
            case "stats uri": if let uri = words.first { page.uri = uri }
            case "stats realm": if let realm = words.first { page.realm = realm.replacingOccurrences(of: "\\ ", with: " ") }
            case "stats auth": if let credential = words.first { page.credentials.append(credential) }
            case "stats refresh":
                page.refreshSeconds = words.first.flatMap { try? Duration.parse($0, defaultUnit: .seconds).get() }
                    .map { Int($0.milliseconds / 1000) }
            case "stats hide-version": page.hideVersion = true
            case "stats show-legends": page.showLegends = true
            case "stats show-node": page.node = words.first ?? ""
            case "stats show-desc": page.description = words.joined(separator: " ")
            case "stats scope": page.scopes.append(contentsOf: words)
            case "stats admin":
                guard let admin = admin(line, context: &context) else { continue }
                page.admin = admin
            default: break
            }
            context.markHandled(line.range)
        }
        return page
    }

    /// `stats admin if|unless COND` as a predicate; nil (and the line listed as unsupported) when it cannot be compiled.
    private func admin(_ line: Directive, context: inout PlanningContext) -> Predicate? {
        guard let keyword = line.arguments.first, keyword == "if" || keyword == "unless" else {
            context.error(PlannerMessage.ruleInvalid, "'stats admin' requires either 'if' or 'unless' followed by a condition",
                          at: line.range)
            return nil
        }
        let condition = Condition(polarity: keyword == "if" ? .if : .unless, words: Array(line.arguments.dropFirst()),
                                  wordRanges: Array(line.argumentRanges.dropFirst()), range: line.range)
        switch acls.compile(condition, context: &context) {
        case .predicate(let predicate): return predicate
        case .unsupported(let reason):
            context.unsupported(line, proxy: proxy.name, feature: RuleCompiler.feature(reason))
            return nil
        case .invalid: return nil
        }
    }
}
