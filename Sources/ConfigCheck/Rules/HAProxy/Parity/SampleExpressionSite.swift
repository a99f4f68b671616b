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
    func parse() -> Result<[SampleExpression], SampleExpressionScanner.Problem> {
        kind == .format ? SampleExpressionScanner.format(text) : SampleExpressionScanner.word(text).map { [$0] }
    }

    /// Actions whose first argument is an expression.
    static func takesExpression(_ action: String) -> Bool {
        action.hasPrefix("set-var(") || action.hasPrefix("track-sc") || action == "capture"
    }

    /// Every site of the configuration, in order.
    static func all(in context: HAProxyCheckContext) -> [SampleExpressionSite] {
        var sites: [SampleExpressionSite] = []
        for (_, line) in context.allDirectives where line.keyword != "acl" {
            let end = line.arguments.firstIndex { $0 == "if" || $0 == "unless" } ?? line.arguments.count
            for index in 0..<end where line.arguments[index].contains("%[") {
                sites.append(SampleExpressionSite(text: line.arguments[index], kind: .format, range: line.argumentRanges[index]))
            }
        }
        for proxy in context.configuration.defaults + context.configuration.proxies {
            for acl in proxy.acls {
                sites.append(SampleExpressionSite(text: acl.criterion, kind: .aclCriterion, range: acl.criterionRange))
            }
            for use in proxy.conditions {
                for anonymous in use.anonymous {
                    guard let criterion = anonymous.first else { continue }
                    sites.append(SampleExpressionSite(text: criterion.text, kind: .aclCriterion, range: criterion.range))
                }
            }
            for rule in proxy.rules where takesExpression(rule.action) && !rule.arguments.isEmpty {
                sites.append(SampleExpressionSite(text: rule.arguments[0], kind: .expression, range: rule.argumentRanges[0]))
            }
            for line in proxy.directives where ["stick on", "stick match", "stick store-request", "stick store-response"]
                .contains(line.keyword) && !line.arguments.isEmpty {
                sites.append(SampleExpressionSite(text: line.arguments[0], kind: .expression, range: line.argumentRanges[0]))
            }
        }
        return sites
    }
}
