import HAProxyConfig
import RuntimePlan

/// `deny` and the page a `deny` or `return` names instead of a reply of its own: `errorfile FILE`,
/// `errorfiles NAME` (that `http-errors` section's page for the status) or `default-errorfiles` (the proxy's).
enum ReplyPageCompiler {
    /// The words that name a page, and whether each takes an argument.
    static let pageWords: [String: Bool] = ["errorfile": true, "errorfiles": true, "default-errorfiles": false]

    /// The page for `status`; nil when its file cannot be read or the section has no page for the status
    /// (the rule then stays unsupported).
    static func page(_ word: String, _ argument: String?, status: Int, context: PlanningContext) -> RuleErrorPage? {
        switch word {
        case "errorfile":
            return argument.flatMap { ErrorFileCompiler.read(status, $0, context.readPatternFile) }.map { .file($0) }
        case "errorfiles":
            guard let name = argument, let section = context.httpErrorSections[name],
                  let page = ErrorFileCompiler.pages(section, context.readPatternFile)?[status] else { return nil }
            return .file(page)
        default:
            return .proxy
        }
    }

    /// `deny [deny_status|status N] [errorfile FILE|errorfiles NAME|default-errorfiles]`; a reply of its own
    /// (`content-type`, `string`, `file`, `hdr`…), or a page in a response rule, stays unsupported.
    static func deny(_ arguments: [String], hook: String, text: String, source: SourceRef,
                     context: PlanningContext) -> Result<HTTPRequestRule, RuleCompiler.Problem> {
        var status = hook == "http-request" ? 403 : 502
        var pageWord: (String, String?)?
        var index = 0
        while index < arguments.count {
            let word = arguments[index], next = index + 1 < arguments.count ? arguments[index + 1] : nil
            if word == "deny_status" || word == "status" {
                guard let next, let code = Int(next) else { return .failure(.invalid("\(word) needs a number")) }
                status = code
                index += 2
            } else if let takesArgument = pageWords[word], hook == "http-request", pageWord == nil {
                pageWord = (word, takesArgument ? next : nil)
                index += takesArgument ? 2 : 1
            } else {
                return .failure(.unsupported)
            }
        }
        var rule = HTTPRequestRule(action: .deny, status: status, text: text, source: source)
        if let (word, argument) = pageWord {
            guard let page = page(word, argument, status: status, context: context) else { return .failure(.unsupported) }
            rule.errorPage = page
        }
        return .success(rule)
    }
}
