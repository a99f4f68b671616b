import ConfigDiagnostics
import HAProxyConfig

/// A place where a configuration writes sample expressions: a log-format
/// string with `%[…]`, an ACL criterion, or an action's expression argument
/// (`set-var(…)`, `track-scN`, `capture`, `stick on`).
struct SampleExpressionSite {
    /// How the text holds its expressions.
    enum Kind {
        /// A log-format string: expressions inside `%[…]`.
        case format
        /// A named or anonymous ACL's criterion: a fetch or an ACL keyword.
        case aclCriterion
        /// The whole word is one expression.
        case expression
    }

    var text: String
    var kind: Kind
    var range: SourceRange
    /// The site's expressions, or the first reason they do not parse.
    let parsed: Result<[SampleExpression], SampleExpressionScanner.Problem>

    init(text: String, kind: Kind, range: SourceRange) {
        self.text = text
        self.kind = kind
        self.range = range
        parsed = kind == .format ? SampleExpressionScanner.format(text) : SampleExpressionScanner.word(text).map { [$0] }
    }

    /// Actions whose first argument is an expression.
    static func takesExpression(_ action: String) -> Bool {
        action.hasPrefix("set-var(") || action.hasPrefix("track-sc") || action == "capture"
    }

    /// Whether a word holds a `%[…]` or `%{…}[…]` expression.
    static func isFormat(_ word: String) -> Bool {
        var percent = false
        for byte in word.utf8 {
            if byte == UInt8(ascii: "%") { percent = true } else if percent, byte == UInt8(ascii: "[") { return true }
        }
        return false
    }

    /// The argument of a `replace-*` action that is a regular expression, not a format string.
    static func regexArgument(of keyword: String) -> Int? {
        switch keyword.split(separator: " ").last {
        case "replace-header", "replace-value": 1
        case "replace-path", "replace-pathq", "replace-uri": 0
        default: nil
        }
    }

    /// `stick` rules whose first argument is an expression.
    static let stickRules: Set<String> = ["stick on", "stick match", "stick store-request", "stick store-response"]

    /// Every site of the configuration, in order (`HAProxyCheckContext.sampleSites`
    /// keeps them, so the rules that read expressions parse them once).
    /// `conditions` gives a proxy's conditions (the context's, worked out once).
    static func all(in configuration: HAProxyConfiguration, proxies: [Proxy],
                    conditions: (Proxy) -> [ConditionUse]) -> [SampleExpressionSite] {
        var sites: [SampleExpressionSite] = []
        HAProxyCheckContext.forEachDirective(in: configuration, proxies: proxies) { line in
            guard line.keyword != "acl" else { return }
            for (index, argument) in line.arguments.enumerated() {
                if argument == "if" || argument == "unless" { break }
                guard isFormat(argument), index != regexArgument(of: line.keyword) else { continue }
                sites.append(SampleExpressionSite(text: argument, kind: .format, range: line.argumentRanges[index]))
            }
        }
        for proxy in proxies {
            for acl in proxy.acls {
                sites.append(SampleExpressionSite(text: acl.criterion, kind: .aclCriterion, range: acl.criterionRange))
            }
            for use in conditions(proxy) {
                for anonymous in use.anonymous {
                    guard let criterion = anonymous.first else { continue }
                    sites.append(SampleExpressionSite(text: criterion.text, kind: .aclCriterion, range: criterion.range))
                }
            }
            for rule in proxy.rules where takesExpression(rule.action) && !rule.arguments.isEmpty {
                sites.append(SampleExpressionSite(text: rule.arguments[0], kind: .expression, range: rule.argumentRanges[0]))
            }
            for line in proxy.directives where stickRules.contains(line.keyword) && !line.arguments.isEmpty {
                sites.append(SampleExpressionSite(text: line.arguments[0], kind: .expression, range: line.argumentRanges[0]))
            }
        }
        return sites
    }
}
