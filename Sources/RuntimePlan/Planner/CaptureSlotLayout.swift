import ConfigDiagnostics
import HAProxyConfig
import RuntimePlan

/// The capture slots of a proxy in HAProxy's order: each `capture request
/// header`, `declare capture request`, `http-request capture … len N` and
/// `tcp-request content capture … len N` takes the next request slot where
/// it is written (src/cfgparse-listen.c, src/http_act.c, src/tcp_rules.c); `capture response header` and `declare capture
/// response` take response slots. The log compiler lists the slots, the
/// rule compiler finds the slot of each `len` rule here.
struct CaptureSlotLayout {
    var request: [HeaderCapture] = []
    var response: [HeaderCapture] = []
    /// The request slot of each `http-request|tcp-request content capture … len N` rule, by the rule's range.
    var ruleSlots: [SourceRange: Int] = [:]
    /// Lines whose words HAProxy refuses, with its message.
    var invalid: [(Directive, String)] = []

    init(_ proxy: Proxy) {
        self.init(directives: proxy.directives, rules: proxy.rules)
    }

    init(directives: [Directive], rules: [ActionRule]) {
        let captureRules = Dictionary(rules.filter { Self.takesSlot($0) }.map { ($0.range, $0) },
                                      uniquingKeysWith: { first, _ in first })
        for directive in directives {
            let words = directive.arguments
            switch directive.keyword {
            case "capture request header", "capture response header":
                guard words.count >= 3, words[1] == "len", let length = Int(words[2]), length > 0 else {
                    invalid.append((directive, "'\(directive.keyword)' expects <header> 'len' <length>."))
                    continue
                }
                let capture = HeaderCapture(header: words[0].lowercased(), length: length)
                if directive.keyword == "capture request header" { request.append(capture) } else { response.append(capture) }
            case "declare capture":
                guard words.count == 3, words[0] == "request" || words[0] == "response", words[1] == "len",
                      let length = Int(words[2]), length > 0 else {
                    invalid.append((directive, "'declare capture' expects 'request' or 'response' then 'len' <length>."))
                    continue
                }
                if words[0] == "request" { request.append(HeaderCapture(header: nil, length: length)) } else {
                    response.append(HeaderCapture(header: nil, length: length))
                }
            default:
                guard let rule = captureRules[directive.range], let len = rule.arguments.firstIndex(of: "len"),
                      len + 1 < rule.arguments.count, let length = Int(rule.arguments[len + 1]), length > 0 else { continue }
                ruleSlots[rule.range] = request.count
                request.append(HeaderCapture(header: nil, length: length))
            }
        }
    }

    /// Whether the rule is a capture that may declare a request slot of its own (`len N`).
    static func takesSlot(_ rule: ActionRule) -> Bool {
        rule.action == "capture" && (rule.hook == "http-request" || rule.hook == "tcp-request content")
    }
}
