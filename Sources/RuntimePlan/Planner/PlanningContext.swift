import ConfigDiagnostics
import HAProxyConfig
import RuntimePlan

/// What the planner accumulates while it works: diagnostics and the
/// features the engine does not run.
struct PlanningContext {
    let readPatternFile: Planner.PatternFileReader
    var diagnostics: [Diagnostic] = []
    var unsupportedFeatures: [UnsupportedFeature] = []
    /// Directives a compiler consumed, by range, so the rest can be listed as unsupported.
    var handled: Set<SourceRange> = []
    /// The `errorfile` lines of each `http-errors` section, by name (`errorfiles NAME`).
    var httpErrorSections: [String: [Directive]] = [:]
    /// `crt-base` and `ca-base` of `global`: relative certificate and CA file names start there, on
    /// server lines as on binds.
    var tlsFileBases = TLSBindDefaults()

    init(readPatternFile: @escaping Planner.PatternFileReader) {
        self.readPatternFile = readPatternFile
    }

    mutating func error(_ rule: RuleID, _ message: String, at range: SourceRange) {
        diagnostics.append(Diagnostic(.error, rule, message, at: range))
    }

    mutating func warning(_ rule: RuleID, _ message: String, at range: SourceRange) {
        diagnostics.append(Diagnostic(.warning, rule, message, at: range))
    }

    /// Adds a finding of the semantic layer once, however many sections compile its line.
    mutating func report(_ diagnostic: Diagnostic) {
        if !diagnostics.contains(diagnostic) { diagnostics.append(diagnostic) }
    }

    mutating func markHandled(_ range: SourceRange) { handled.insert(range) }

    mutating func unsupported(_ directive: Directive, proxy: String?, feature: String? = nil) {
        let text = ([directive.keyword] + directive.arguments).joined(separator: " ")
        let entry = UnsupportedFeature(feature: feature ?? Self.feature(of: directive), proxy: proxy, directive: text,
                                       source: SourceRef(directive.range))
        if !unsupportedFeatures.contains(entry) { unsupportedFeatures.append(entry) }
    }

    /// Lists every directive written in the section that no compiler consumed
    /// (inherited lines are listed once, with their `defaults` section).
    mutating func reportUnhandled(_ proxy: Proxy, name: String?) {
        for directive in proxy.directives where !handled.contains(directive.range) && directive.range.isInSameFile(as: proxy.range)
            && directive.range.start.offset >= proxy.range.start.offset && directive.range.end.offset <= proxy.range.end.offset {
            unsupported(directive, proxy: name)
        }
    }

    /// The family a directive belongs to, so warnings and later issues group them.
    static func feature(of directive: Directive) -> String {
        let keyword = directive.keyword
        let words = [keyword] + directive.arguments
        if words.contains("ssl") || keyword.hasPrefix("ssl-") { return "tls" }
        if keyword.hasPrefix("stick") || words.contains(where: { $0.contains("track-sc") || $0.contains("sc_") }) {
            return "stick-table"
        }
        if keyword.hasPrefix("stats") { return "stats" }
        if keyword == "log" || keyword.hasPrefix("log-") || ["option httplog", "option tcplog", "option dontlognull",
                                                           "option log-health-checks", "option logasap"].contains(keyword) {
            return "logging"
        }
        if keyword.hasPrefix("compression") { return "compression" }
        return keyword
    }
}

extension SourceRef {
    init(_ range: SourceRange) {
        self.init(file: range.file, line: range.start.line, column: range.start.column)
    }
}
