import ConfigDiagnostics
import Foundation
import HAProxyConfig
import RuntimePlan
import enum RuntimePlan.Predicate

/// Compiles `http-request`, `http-response` and `http-after-response` rules and log-format strings.
struct RuleCompiler {
    let acls: ACLTable
    let proxyName: String
    /// Whether the proxy has a frontend (its capture slots are known here, so `capture … id N` is checked).
    var isFrontend = false

    /// The actions the engine runs, per hook.
    static let supportedActions: [String: Set<String>] = [
        "http-request": ["set-header", "add-header", "del-header", "replace-header", "replace-value", "deny", "redirect",
                         "return", "allow", "reject", "set-var", "unset-var", "set-var-fmt", "set-method", "set-path", "set-pathq",
                         "set-query", "set-uri", "replace-path", "replace-pathq", "replace-uri", "capture", "normalize-uri",
                         "set-timeout"],
        "http-response": ["set-header", "add-header", "del-header", "replace-header", "replace-value", "deny", "allow",
                          "set-status", "set-var", "unset-var", "set-var-fmt", "capture"],
        "http-after-response": ["set-header", "add-header", "del-header", "replace-header", "replace-value", "allow",
                                "set-status", "set-var", "unset-var", "set-var-fmt", "capture"],
    ]

    /// The action's keyword without its parenthesised argument (`set-var(txn.a)` is `set-var`).
    static func keyword(_ action: String) -> String {
        action.firstIndex(of: "(").map { String(action[..<$0]) } ?? action
    }

    /// The compiled rules of one hook of a proxy; the others are listed as unsupported.
    func compile(_ rules: [ActionRule], directives: [Directive], hook: String = "http-request",
                 context: inout PlanningContext) -> [HTTPRequestRule] {
        var result: [HTTPRequestRule] = []
        let supported = Self.supportedActions[hook] ?? []
        let slots = rules.contains { $0.hook == hook && $0.action == "capture" } ? CaptureSlotLayout(directives: directives, rules: rules) : nil
        for rule in rules where rule.hook == hook {
            let directive = directives.first { $0.range == rule.range }
            guard supported.contains(Self.keyword(rule.action)) || (hook == "http-request" && StickCounterParser.isAction(rule.action))
            else { continue }
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
            let text = ([hook, rule.action] + rule.arguments + (rule.condition.map { [$0.polarity.rawValue] + $0.terms } ?? []))
                .joined(separator: " ")
            switch action(rule, hook: hook, text: text, context: context, slots: slots) {
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

    private func action(_ rule: ActionRule, hook: String, text: String,
                        context: PlanningContext, slots: CaptureSlotLayout?) -> Result<HTTPRequestRule, Problem> {
        let source = SourceRef(rule.range)
        let arguments = rule.arguments
        switch Self.keyword(rule.action) {
        case "set-header", "add-header":
            guard arguments.count >= 2 else { return .failure(.invalid("'\(rule.action)' needs a name and a value")) }
            guard let value = LogFormatParser.parse(arguments[1]) else { return .failure(.unsupported) }
            return .success(HTTPRequestRule(action: rule.action == "set-header" ? .setHeader : .addHeader,
                                            headerName: arguments[0], value: value, text: text, source: source))
        case "del-header":
            guard let name = arguments.first else { return .failure(.invalid("'del-header' needs a name")) }
            var rule = HTTPRequestRule(action: .delHeader, headerName: name, text: text, source: source)
            if arguments.count > 1 {
                guard arguments.count == 3, arguments[1] == "-m", let method = MatchMethod(rawValue: arguments[2]),
                      [.str, .beg, .end, .sub, .reg].contains(method) else {
                    return .failure(.invalid("'del-header' takes '-m str|beg|end|sub|reg' after the name"))
                }
                if method == .reg, (try? NSRegularExpression(pattern: name)) == nil {
                    return .failure(.invalid("'\(name)' is not a valid regular expression"))
                }
                rule.headerMatch = method
            }
            return .success(rule)
        case "replace-header", "replace-value":
            return RewriteRuleCompiler.replace(rule, text: text, source: source)
        case "set-status":
            return RewriteRuleCompiler.setStatus(arguments, text: text, source: source)
        case "set-method", "set-path", "set-pathq", "set-query", "set-uri":
            return RewriteRuleCompiler.setRequestLine(rule, text: text, source: source)
        case "replace-path", "replace-pathq", "replace-uri":
            return RewriteRuleCompiler.replaceRequestLine(rule, text: text, source: source)
        case "set-var", "unset-var", "set-var-fmt":
            return VariableRuleCompiler.compile(rule, text: text, source: source)
        case "capture":
            return capture(rule, hook: hook, text: text, source: source, slots: slots)
        case "set-timeout":
            let spec = SetTimeoutSpec(arguments: arguments)
            guard let target = spec.target.flatMap({ RuleTimeout.Target(rawValue: $0.rawValue) }), spec.problem == nil else {
                return .failure(.invalid(spec.problem ?? "'set-timeout' needs 'server' or 'tunnel' and a value"))
            }
            var timeout = RuleTimeout(target: target, milliseconds: spec.milliseconds)
            if let written = spec.expression {
                guard let (expression, _) = SampleExpressionParser.parse(written) else { return .failure(.unsupported) }
                timeout.expression = expression
            }
            var compiled = HTTPRequestRule(action: .setTimeout, text: text, source: source)
            compiled.timeout = timeout
            return .success(compiled)
        case "normalize-uri":
            let spec = URINormalizerSpec(arguments: arguments, conditional: rule.condition != nil)
            guard let normalizer = spec.normalizer, let normalization = URINormalization(rawValue: normalizer.rawValue) else {
                return .failure(.invalid(spec.problem ?? "'normalize-uri' needs a normalizer"))
            }
            var compiled = HTTPRequestRule(action: .normalizeURI, text: text, source: source)
            compiled.normalization = normalization
            return .success(compiled)
        case "allow":
            return .success(HTTPRequestRule(action: .allow, text: text, source: source))
        case "reject":
            guard arguments.isEmpty else { return .failure(.invalid("'reject' takes no argument")) }
            return .success(HTTPRequestRule(action: .reject, text: text, source: source))
        case "deny":
            let denial = ReplyPageCompiler.deny(arguments, hook: hook, text: text, source: source, context: context)
            guard case .failure(.unsupported) = denial, hook == "http-request" else { return denial }
            // A reply of its own (`content-type`, `string`, `lf-file`, `hdr`…): read as `return`'s, counted as a deny.
            let words = arguments.map { $0 == "deny_status" ? "status" : $0 }
            return returnRule(words, text: text, source: source, context: context, status: 403).map { reply in
                var rule = reply
                rule.action = .deny
                return rule
            }
        case "redirect":
            return Self.redirect(arguments, logFormat: true, text: text, source: source)
        case "return":
            return returnRule(arguments, text: text, source: source, context: context)
        case let word where StickCounterParser.isAction(word):
            // The counter's number is part of the action as written (`sc-inc-gpc0(0)`).
            return StickCounterParser.action(rule.action, arguments, proxy: proxyName).map { counter in
                var compiled = HTTPRequestRule(action: .stickCounter, text: text, source: source)
                compiled.stickCounter = counter
                return compiled
            }
        default:
            return .failure(.unsupported)
        }
    }

    /// `http-request capture SAMPLE len N` (the slot it declared) or `http-request|http-response|http-after-response capture SAMPLE id N`
    /// (a declared slot; checked against the frontend's slots as HAProxy checks it, unknown in a backend).
    private func capture(_ rule: ActionRule, hook: String, text: String, source: SourceRef,
                         slots: CaptureSlotLayout?) -> Result<HTTPRequestRule, Problem> {
        let words = rule.arguments
        guard words.count == 3, let number = Int(words[2]), number >= 0 else {
            return .failure(.invalid("'\(hook) capture' expects <expression> [ 'len' <length> | id <idx> ]"))
        }
        guard let (fetch, _) = SampleExpressionParser.parse(words[0]) else { return .failure(.unsupported) }
        var compiled = HTTPRequestRule(action: .capture, expression: fetch, text: text, source: source)
        switch words[1] {
        case "len" where hook == "http-request":
            guard number > 0 else { return .failure(.invalid("'http-request capture': length must be > 0")) }
            guard isFrontend, let slot = slots?.ruleSlots[rule.range] else {
                return .failure(.invalid("'http-request capture' : proxy '\(proxyName)' has no frontend capability"))
            }
            compiled.captureSlot = slot
        case "id":
            let declared = hook == "http-request" ? slots?.request.count : slots?.response.count
            if isFrontend, number >= declared ?? 0 {
                // `http-after-response capture` is checked as an `http-response` one (src/http_act.c).
                let kind = hook == "http-request" ? "http-request" : "http-response"
                return .failure(.invalid("unable to find capture id '\(number)' referenced by \(kind) capture rule"))
            }
            compiled.captureSlot = number
        default:
            return .failure(.invalid("'\(hook) capture' expects <expression> [ 'len' <length> | id <idx> ]"))
        }
        return .success(compiled)
    }

    /// `return`: a body from `string`, `lf-string`, `file` or `lf-file` (both read now, `/dev/null` being empty),
    /// or a page (`errorfile`, `errorfiles`, `default-errorfiles`); as in HAProxy, `content-type` is dropped when
    /// there is no body or it is empty.
    private func returnRule(_ arguments: [String], text: String, source: SourceRef, context: PlanningContext,
                            status: Int = 200) -> Result<HTTPRequestRule, Problem> {
        let readFile = context.readPatternFile
        var rule = HTTPRequestRule(action: .return, status: status, text: text, source: source)
        var pageWord: (String, String?)?
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
            case "file":
                guard let next, let content = next == "/dev/null" ? "" : readFile(next) else { return .failure(.unsupported) }
                rule.value = LogFormat(literal: content)
            case "lf-file":
                guard let next, let content = next == "/dev/null" ? "" : readFile(next),
                      let format = LogFormatParser.parse(content) else { return .failure(.unsupported) }
                rule.value = format
            case let page where ReplyPageCompiler.pageWords[page] != nil && pageWord == nil:
                let takesArgument = ReplyPageCompiler.pageWords[page] == true
                pageWord = (page, takesArgument ? next : nil)
                if !takesArgument { index -= 1 }
            case "hdr":
                guard index + 2 < arguments.count else { return .failure(.invalid("'hdr' needs a name and a value")) }
                // The value is a log-format, rendered for each answer.
                guard let value = LogFormatParser.parse(arguments[index + 2]) else { return .failure(.unsupported) }
                rule.headers.append(ReplyHeader(name: arguments[index + 1], value: value))
                index += 1
            default:
                return .failure(.unsupported)
            }
            index += 2
        }
        if let (word, argument) = pageWord {
            guard rule.value == nil, rule.headers.isEmpty,
                  let page = ReplyPageCompiler.page(word, argument, status: rule.status ?? 200, context: context)
            else { return .failure(.unsupported) }
            rule.errorPage = page
        }
        if rule.value?.parts.isEmpty ?? true { rule.contentType = nil }
        return .success(rule)
    }
}

/// Splits a log-format string into literal text and `%[fetch]` parts.
enum LogFormatParser {
    /// nil when the string uses what the engine cannot evaluate (unknown fetches or converters, `%ci`-style variables).
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
            guard let (fetch, _) = SampleExpressionParser.parse(expression) else { return nil }
            if !literal.isEmpty { parts.append(.literal(literal)) }
            literal = ""
            parts.append(.fetch(fetch))
            index = text.index(after: close)
        }
        if !literal.isEmpty { parts.append(.literal(literal)) }
        return LogFormat(parts: parts)
    }
}
