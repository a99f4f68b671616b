import ConfigDiagnostics
import HAProxyConfig
import RuntimePlan

/// Compiles what a proxy logs: its targets (`log`, `log global`, `no log`,
/// read in order, those of its `defaults` first, as HAProxy copies them),
/// the line format (the last of `option httplog|httpslog|tcplog`,
/// `log-format`), `log-format-sd`, `error-log-format`, `log-tag`, the
/// options that filter lines and the header captures.
struct LogCompiler {
    let proxy: Proxy
    let global: GlobalLogPlan

    static let keywords: Set<String> = [
        "log", "log-format", "log-format-sd", "error-log-format", "log-tag", "option httplog", "option httpslog",
        "option tcplog", "option dontlognull", "option dontlog-normal", "option log-separate-errors",
        "option log-health-checks", "option logasap", "capture request header", "capture response header", "capture cookie",
        "declare capture", "unique-id-format", "unique-id-header",
    ]

    func compile(context: inout PlanningContext) -> ProxyLogPlan {
        var plan = ProxyLogPlan()
        let name = proxy.name
        for directive in proxy.directives where Self.keywords.contains(directive.keyword) {
            context.markHandled(directive.range)
            let words = directive.arguments
            switch directive.keyword {
            case "log" where directive.modifier == .no:
                plan.targets = []
            case "log" where words == ["global"]:
                plan.targets += global.targets
            case "log":
                switch LogTargetCompiler.compile(words, rings: global.rings) {
                case .success(let target): plan.targets.append(target)
                case .failure(.unsupported): context.unsupported(directive, proxy: name, feature: "logging")
                case .failure(.invalid(let message)):
                    context.error(LogMessage.targetInvalid, "'log': \(message)", at: directive.range)
                }
            case "option httplog" where directive.modifier != .no:
                let clf = words.first == "clf"
                setFormat(&plan, clf ? .clf : .httplog, clf ? LogFormatCompiler.clf : LogFormatCompiler.httplog, directive, &context)
            case "option httpslog" where directive.modifier != .no:
                setFormat(&plan, .httpslog, LogFormatCompiler.httpslog, directive, &context)
            case "option tcplog" where directive.modifier != .no:
                setFormat(&plan, .tcplog, LogFormatCompiler.tcplog, directive, &context)
            case "log-format":
                setFormat(&plan, .custom, words.first ?? "", directive, &context)
            case "log-format-sd":
                plan.structuredData = format(words.first ?? "", directive, &context)
            case "error-log-format":
                plan.errorFormat = format(words.first ?? "", directive, &context)
            case "unique-id-format":
                plan.uniqueIDFormat = format(words.first ?? "", directive, &context, atLogTime: false)
            case "unique-id-header":
                plan.uniqueIDHeader = words.first
            case "log-tag":
                plan.tag = words.first
            case "capture cookie":
                guard words.count >= 3, words[1] == "len", let length = Int(words[2]), length > 0 else {
                    context.error(LogMessage.captureInvalid, "'capture cookie' expects <cookie_name> 'len' <length>.", at: directive.range)
                    continue
                }
                // HAProxy keeps at most 63 bytes (CAPTURE_LEN - 1) and warns about a longer length.
                plan.cookieCapture = CookieCapture(name: words[0], length: min(length, CookieCapture.longest))
            default:
                break
            }
        }
        let slots = CaptureSlotLayout(proxy)
        plan.requestCaptures = slots.request
        plan.responseCaptures = slots.response
        for (directive, message) in slots.invalid {
            context.error(LogMessage.captureInvalid, message, at: directive.range)
        }
        // HAProxy falls back to `option tcplog` for an HTTP format in a TCP proxy.
        if proxy.mode == .tcp, [.httplog, .httpslog, .clf].contains(plan.style) {
            plan.style = .tcplog
            plan.format = format(LogFormatCompiler.tcplog, nil, &context)
        }
        let options = proxy.options
        plan.dontLogNull = options["dontlognull"] == true
        plan.dontLogNormal = options["dontlog-normal"] == true
        plan.separateErrors = options["log-separate-errors"] == true
        plan.logAsap = options["logasap"] == true
        plan.healthChecks = options["log-health-checks"] == true
        return plan
    }

    private func setFormat(_ plan: inout ProxyLogPlan, _ style: ProxyLogPlan.Style, _ text: String, _ directive: Directive,
                           _ context: inout PlanningContext) {
        guard let compiled = format(text, directive, &context, reportUnavailable: style == .custom) else { return }
        plan.style = style
        plan.format = compiled
    }

    /// A compiled format; nil (with HAProxy's error) when the string is refused.
    private func format(_ text: String, _ directive: Directive?, _ context: inout PlanningContext,
                        reportUnavailable: Bool = true, atLogTime: Bool = true) -> LogFormat? {
        switch LogFormatCompiler(atLogTime: atLogTime).compile(text) {
        case .success(let output):
            if reportUnavailable, !output.unavailable.isEmpty, let directive {
                context.unsupported(directive, proxy: proxy.name, feature: "logging")
            }
            return output.format
        case .failure(let failure):
            if let directive {
                let keyword = SemanticFindings.logFormatKeywords[directive.keyword] ?? directive.keyword
                context.report(SemanticFindings.logFormat(failure, keyword: keyword, at: directive.range))
            }
            return nil
        }
    }
}

/// The `global` section's `log`, `log-tag` and `log-send-hostname`, with the `ring` sections its targets may name.
enum GlobalLogCompiler {
    static func compile(_ global: GlobalSettings?, rings: [RingPlan] = [], context: inout PlanningContext) -> GlobalLogPlan {
        var plan = GlobalLogPlan()
        plan.rings = rings
        for directive in global?.directives ?? [] {
            switch directive.keyword {
            case "log" where directive.modifier == nil:
                context.markHandled(directive.range)
                switch LogTargetCompiler.compile(directive.arguments, rings: rings) {
                case .success(let target): plan.targets.append(target)
                case .failure(.unsupported): context.unsupported(directive, proxy: nil, feature: "logging")
                case .failure(.invalid(let message)):
                    context.error(LogMessage.targetInvalid, "'log': \(message)", at: directive.range)
                }
            case "log-tag":
                context.markHandled(directive.range)
                plan.tag = directive.arguments.first ?? plan.tag
            case "log-send-hostname":
                context.markHandled(directive.range)
                plan.sendsHostname = true
                plan.hostname = directive.arguments.first
            default:
                break
            }
        }
        return plan
    }
}

/// Rule ids of the planner's logging diagnostics.
enum LogMessage {
    static let targetInvalid = RuleID("log-target-invalid")
    /// A `capture … header` line without its length: the checker's own id, which reports it first.
    static let captureInvalid = RuleID("missing-argument")
}
