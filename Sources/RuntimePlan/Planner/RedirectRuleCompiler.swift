import HAProxyConfig
import RuntimePlan

extension RuleCompiler {
    /// `redirect location|prefix|scheme TARGET [code N] [drop-query] [append-slash] [ignore-empty]
    /// [set-cookie NAME[=VALUE]] [clear-cookie NAME[=]]`, as an `http-request` action (`logFormat`: the
    /// target is a log-format string) or as the standalone `redirect` keyword (the target is literal).
    static func redirect(_ arguments: [String], logFormat: Bool, text: String, source: SourceRef) -> Result<HTTPRequestRule, Problem> {
        var kind: HTTPRequestRule.RedirectKind?
        var target: LogFormat?
        var code = 302
        var options = RedirectOptions()
        var index = 0
        while index < arguments.count {
            let word = arguments[index]
            let next = index + 1 < arguments.count ? arguments[index + 1] : nil
            switch word {
            case "location", "prefix", "scheme":
                guard let next else { return .failure(.invalid("'redirect \(word)' needs a target")) }
                kind = HTTPRequestRule.RedirectKind(rawValue: word)
                guard let format = logFormat ? LogFormatParser.parse(next) : LogFormat(literal: next) else {
                    return .failure(.unsupported)
                }
                target = format
                index += 1
            case "code":
                guard let next, let value = Int(next), [301, 302, 303, 307, 308].contains(value) else {
                    return .failure(.invalid("'redirect code' needs 301, 302, 303, 307 or 308"))
                }
                code = value
                index += 1
            case "set-cookie", "clear-cookie":
                guard let next else { return .failure(.invalid("'\(word)' needs a cookie name")) }
                // HAProxy's own ending of the cookie line: a cleared cookie expires at once.
                options.cookie = next + (word == "set-cookie" ? "; path=/;" : "; path=/; Max-Age=0;")
                index += 1
            case "drop-query": options.dropQuery = true
            case "append-slash": options.appendSlash = true
            case "ignore-empty": options.ignoreEmpty = true
            default: return .failure(.invalid("unknown 'redirect' option '\(word)'"))
            }
            index += 1
        }
        guard let kind, let target else {
            return .failure(.invalid("'redirect' needs location, prefix or scheme and a target"))
        }
        var rule = HTTPRequestRule(action: .redirect, value: target, status: code, redirectKind: kind, text: text, source: source)
        if options != RedirectOptions() { rule.redirectOptions = options }
        return .success(rule)
    }
}

extension RuleCompiler {
    /// The standalone `redirect` lines of a proxy, as `http-request redirect` rules with a literal
    /// target; HAProxy runs them after the proxy's `http-request` rules.
    func compileRedirects(_ directives: [Directive], context: inout PlanningContext) -> [HTTPRequestRule] {
        var result: [HTTPRequestRule] = []
        for directive in directives where directive.keyword == "redirect" {
            let (words, written) = Condition.split(directive)
            var condition: Predicate?
            if let written {
                switch acls.compile(written, context: &context) {
                case .predicate(let predicate): condition = predicate
                case .unsupported(let reason):
                    context.unsupported(directive, proxy: proxyName, feature: Self.feature(reason))
                    context.markHandled(directive.range)
                    continue
                case .invalid:
                    context.markHandled(directive.range)
                    continue
                }
            }
            let text = (["redirect"] + directive.arguments).joined(separator: " ")
            switch Self.redirect(words, logFormat: false, text: text, source: SourceRef(directive.range)) {
            case .success(var rule):
                rule.condition = condition
                result.append(rule)
            case .failure(.invalid(let message)):
                context.error(PlannerMessage.ruleInvalid, message, at: directive.range)
            case .failure:
                context.unsupported(directive, proxy: proxyName)
            }
            context.markHandled(directive.range)
        }
        return result
    }
}
