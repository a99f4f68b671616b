import ConfigDiagnostics
import HAProxyConfig

/// Compiles `http-request` rules and log-format strings.
struct RuleCompiler {
    let acls: ACLTable
    let proxyName: String

    static let supportedActions: Set<String> = ["set-header", "add-header", "del-header", "deny", "redirect", "return", "allow"]

    /// The compiled `http-request` rules of a proxy; the others are listed as unsupported.
    func compile(_ rules: [ActionRule], directives: [Directive], context: inout PlanningContext) -> [HTTPRequestRule] {
        var result: [HTTPRequestRule] = []
        for rule in rules where rule.hook == "http-request" {
            let directive = directives.first { $0.range == rule.range }
            guard Self.supportedActions.contains(rule.action) || StickCounterParser.isAction(rule.action) else { continue }
            var condition: Predicate?
            if let written = rule.condition {
                switch acls.compile(written, context: &context) {
                case .predicate(let predicate): condition = predicate
                case .unsupported(let reason):
                    if let directive { context.unsupported(directive, proxy: proxyName, feature: Self.feature(reason)) }
                    context.markHandled(rule.range)
                    continue
                case .invalid:
                    context.markHandled(rule.range)
                    continue
                }
            }
            let text = (["http-request", rule.action] + rule.arguments + (rule.condition.map { [$0.polarity.rawValue] + $0.terms } ?? []))
                .joined(separator: " ")
            switch action(rule, text: text) {
            case .success(var compiled):
                compiled.condition = condition
                result.append(compiled)
                context.markHandled(rule.range)
            case .failure(let problem):
                if case .unsupported = problem, let directive {
                    context.unsupported(directive, proxy: proxyName)
                    context.markHandled(rule.range)
                } else if case .invalid(let message) = problem {
                    context.error(PlannerMessage.ruleInvalid, message, at: rule.range)
                    context.markHandled(rule.range)
                }
            }
        }
        return result
    }

    static func feature(_ reason: String) -> String {
        reason.contains("sc_") || reason.contains("sc0") || reason.contains("sc1") || reason.contains("sc2")
            ? "stick-table" : "acl-fetch"
    }

    /// Why a rule cannot be compiled.
    enum Problem: Error {
        case unsupported
        case invalid(String)
    }

    private func action(_ rule: ActionRule, text: String) -> Result<HTTPRequestRule, Problem> {
        let source = SourceRef(rule.range)
        let arguments = rule.arguments
        switch rule.action {
        case "set-header", "add-header":
            guard arguments.count >= 2 else { return .failure(.invalid("'\(rule.action)' needs a name and a value")) }
            guard let value = LogFormatParser.parse(arguments[1]) else { return .failure(.unsupported) }
            return .success(HTTPRequestRule(action: rule.action == "set-header" ? .setHeader : .addHeader,
                                            headerName: arguments[0], value: value, text: text, source: source))
        case "del-header":
            guard let name = arguments.first else { return .failure(.invalid("'del-header' needs a name")) }
            return .success(HTTPRequestRule(action: .delHeader, headerName: name, text: text, source: source))
        case "allow":
            return .success(HTTPRequestRule(action: .allow, text: text, source: source))
        case "deny":
            var status = 403
            if let index = arguments.firstIndex(of: "deny_status"), index + 1 < arguments.count {
                guard let code = Int(arguments[index + 1]) else { return .failure(.invalid("deny_status needs a number")) }
                status = code
            }
            return .success(HTTPRequestRule(action: .deny, status: status, text: text, source: source))
        case "redirect":
            guard arguments.count >= 2, let kind = HTTPRequestRule.RedirectKind(rawValue: arguments[0]) else {
                return .failure(.invalid("'redirect' needs location, prefix or scheme and a target"))
            }
            guard let target = LogFormatParser.parse(arguments[1]) else { return .failure(.unsupported) }
            var code = 302
            if let index = arguments.firstIndex(of: "code"), index + 1 < arguments.count, let value = Int(arguments[index + 1]) {
                code = value
            }
            return .success(HTTPRequestRule(action: .redirect, value: target, status: code, redirectKind: kind, text: text,
                                            source: source))
        case "return":
            return returnRule(arguments, text: text, source: source)
        case let word where StickCounterParser.isAction(word):
            return StickCounterParser.action(word, arguments, proxy: proxyName).map { counter in
                var compiled = HTTPRequestRule(action: .stickCounter, text: text, source: source)
                compiled.stickCounter = counter
                return compiled
            }
        default:
            return .failure(.unsupported)
        }
    }

    private func returnRule(_ arguments: [String], text: String, source: SourceRef) -> Result<HTTPRequestRule, Problem> {
        var rule = HTTPRequestRule(action: .return, status: 200, text: text, source: source)
        var index = 0
        while index < arguments.count {
            let word = arguments[index]
            let next = index + 1 < arguments.count ? arguments[index + 1] : nil
            switch word {
            case "status":
                guard let next, let code = Int(next) else { return .failure(.invalid("'status' needs a number")) }
                rule.status = code
            case "content-type": rule.contentType = next
            case "string": rule.value = LogFormat(literal: next ?? "")
            case "lf-string":
                guard let format = LogFormatParser.parse(next ?? "") else { return .failure(.unsupported) }
                rule.value = format
            case "hdr":
                guard index + 2 < arguments.count else { return .failure(.invalid("'hdr' needs a name and a value")) }
                rule.headers.append(HTTPHeaderField(name: arguments[index + 1], value: arguments[index + 2]))
                index += 1
            default:
                return .failure(.unsupported)
            }
            index += 2
        }
        return .success(rule)
    }
}

/// Splits a log-format string into literal text and `%[fetch]` parts.
enum LogFormatParser {
    /// nil when the string uses what the engine cannot evaluate (converters, `%ci`-style variables).
    static func parse(_ text: String) -> LogFormat? {
        var parts: [LogFormat.Part] = []
        var literal = ""
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            let next = text.index(after: index)
            guard character == "%" else {
                literal.append(character)
                index = next
                continue
            }
            if next < text.endIndex, text[next] == "%" {
                literal.append("%")
                index = text.index(after: next)
                continue
            }
            guard next < text.endIndex, text[next] == "[", let close = text[next...].firstIndex(of: "]") else { return nil }
            let expression = String(text[text.index(after: next)..<close])
            guard let (fetch, _) = ACLParser.fetch(for: expression) else { return nil }
            if !literal.isEmpty { parts.append(.literal(literal)) }
            literal = ""
            parts.append(.fetch(fetch))
            index = text.index(after: close)
        }
        if !literal.isEmpty { parts.append(.literal(literal)) }
        return LogFormat(parts: parts)
    }
}
