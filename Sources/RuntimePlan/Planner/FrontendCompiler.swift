import ConfigDiagnostics
import HAProxyConfig
import RuntimePlan

/// Compiles the client side of a `frontend` or `listen` section.
struct FrontendCompiler {
    let proxy: Proxy
    let acls: ACLTable
    let unixBind: UnixBindDefaults
    var tlsDefaults = TLSBindDefaults()

    static let timeouts = ["client", "client-fin", "http-request", "http-keep-alive"]
    static let keywords: Set<String> = [
        "mode", "maxconn", "default_backend", "description", "option http-server-close", "option httpclose",
        "option forwardfor", "option http-keep-alive", "backlog",
    ]

    /// A number HAProxy reads with `atol` that is above 0 (a `backlog` of 0 means none).
    static func positive(_ text: String?) -> Int? {
        guard let digits = text?.prefix(while: { $0.isASCII && $0.isNumber }), let value = Int(digits), value > 0 else { return nil }
        return value
    }

    /// A `listen` section without `default_backend` sends its traffic to its own servers.
    func compile(context: inout PlanningContext) -> FrontendPlan {
        let name = proxy.name ?? ""
        markCommon(proxy, keywords: Self.keywords, timeouts: Self.timeouts, context: &context)
        var plan = FrontendPlan(name: name, mode: proxy.mode == .tcp ? .tcp : .http, maxconn: proxy.maxconn,
                                timeouts: FrontendTimeoutPlan(written: milliseconds(proxy, Self.timeouts)), options: httpOptions(proxy, context: &context),
                                defaultBackend: proxy.defaultBackend ?? (proxy.kind.hasBackend ? name : nil), acls: acls.named, source: SourceRef(proxy.range))
        plan.backlog = Self.positive(proxy.directives("backlog").last?.arguments.first)
        for bind in proxy.binds {
            context.markHandled(bind.range)
            let backlog = Self.positive(bind.options.last { $0.name == "backlog" }?.value)
            let listenerName = bind.options.last { $0.name == "name" }?.value
            let tls = BindTLSCompiler(defaults: tlsDefaults, proxyName: name).compile(bind, context: &context)
            let proto = BindProtoCompiler.compile(bind, mode: plan.mode, context: &context)
            plan.binds += BindCompiler(unixBind: unixBind, tls: tls).compile(bind, context: &context).map { listener in
                var listener = listener
                listener.proto = proto
                listener.backlog = backlog
                listener.name = listenerName
                return listener
            }
        }
        TCPRuleCompiler(acls: acls, proxyName: name).compile(proxy, into: &plan, context: &context)
        plan.errorFiles = ErrorFileCompiler.compile(proxy, context: &context)
        var rules = RuleCompiler(acls: acls, proxyName: name)
        rules.isFrontend = true
        plan.httpRequestRules = rules.compile(proxy.rules, directives: proxy.directives, context: &context)
            + rules.compileRedirects(proxy.directives, context: &context)
        plan.httpResponseRules = rules.compile(proxy.rules, directives: proxy.directives, hook: "http-response", context: &context)
        plan.httpAfterResponseRules = rules.compile(proxy.rules, directives: proxy.directives, hook: "http-after-response",
                                                    context: &context)
        let stickRules = TCPStickRuleCompiler(acls: acls, proxyName: name, mode: plan.mode).compile(proxy.rules, context: &context)
        plan.connectionStickRules = stickRules.connection
        plan.httpRequestRules = stickRules.stream + plan.httpRequestRules
        if plan.mode == .http { plan.monitor = MonitorCompiler(proxy: proxy, acls: acls).compile(context: &context) }
        plan.statsPage = StatsPageCompiler(proxy: proxy, acls: acls).compile(context: &context)
        plan.prometheusExporter = PrometheusExporterCompiler(proxy: proxy, acls: acls).compile(context: &context)
        plan.compression = CompressionCompiler(proxy: proxy).compile(context: &context)
        for rule in proxy.useBackends {
            // A name with a sample expression is rendered for each request; one the engine cannot render stays unsupported.
            var dynamicName: LogFormat?
            if rule.backend.contains("%[") {
                guard let format = LogFormatParser.parse(rule.backend) else {
                    if let directive = proxy.directives.first(where: { $0.range == rule.range }) {
                        context.unsupported(directive, proxy: name, feature: "use_backend log-format")
                    }
                    context.markHandled(rule.range)
                    continue
                }
                dynamicName = format
            }
            context.markHandled(rule.range)
            guard let written = rule.condition else {
                var compiled = BackendRule(backend: rule.backend, condition: nil, conditionText: nil, source: SourceRef(rule.range))
                compiled.dynamicName = dynamicName
                plan.backendRules.append(compiled)
                continue
            }
            switch acls.compile(written, context: &context) {
            case .predicate(let predicate):
                let text = ([written.polarity.rawValue] + written.terms).joined(separator: " ")
                var compiled = BackendRule(backend: rule.backend, condition: predicate, conditionText: text,
                                           source: SourceRef(rule.range))
                compiled.dynamicName = dynamicName
                plan.backendRules.append(compiled)
            case .unsupported(let reason):
                if let directive = proxy.directives.first(where: { $0.range == rule.range }) {
                    context.unsupported(directive, proxy: name, feature: RuleCompiler.feature(reason))
                }
            case .invalid: break
            }
        }
        return plan
    }
}

/// Marks the directives a compiler consumes, including supported `timeout` lines.
func markCommon(_ proxy: Proxy, keywords: Set<String>, timeouts: [String], context: inout PlanningContext) {
    for directive in proxy.directives where keywords.contains(directive.keyword)
        || timeouts.contains(where: { directive.keyword == "timeout " + $0 }) {
        context.markHandled(directive.range)
    }
}

/// The proxy's timeouts among `names`, in milliseconds.
func milliseconds(_ proxy: Proxy, _ names: [String]) -> [String: Int] {
    var result: [String: Int] = [:]
    for name in names {
        if let duration = proxy.timeouts[name] { result[name] = Int(duration.milliseconds) }
    }
    return result
}

/// `option http-server-close`, `option httpclose`, `option forwardfor` with its arguments,
/// `option http-restrict-req-hdr-names`.
/// An `except` network the engine cannot read is an error, as HAProxy refuses
/// the line ("expects <address>[/mask]"); a host name is one too, since the
/// engine does not resolve names.
func httpOptions(_ proxy: Proxy, context: inout PlanningContext) -> HTTPOptions {
    var options = HTTPOptions(httpServerClose: proxy.options["http-server-close"] == true,
                              httpClose: proxy.options["httpclose"] == true)
    if proxy.options["forwardfor"] == true {
        var forward = ForwardFor()
        let directive = proxy.directives("option forwardfor").last { $0.modifier == nil }
        let arguments = directive?.arguments ?? []
        var index = 0
        while index < arguments.count {
            let value = index + 1 < arguments.count ? arguments[index + 1] : nil
            switch arguments[index] {
            case "header": forward.header = value ?? forward.header; index += 1
            case "except":
                if let value, NetworkPattern(value) != nil {
                    forward.except = value
                } else if let directive {
                    context.error(PlannerMessage.forwardforExceptInvalid,
                                  "'option forwardfor except' needs an address with an optional mask, not '\(value ?? "")'",
                                  at: directive.range)
                }
                index += 1
            case "if-none": forward.ifNone = true
            default: break
            }
            index += 1
        }
        options.forwardFor = forward
    }
    let restrict = proxy.directives("option http-restrict-req-hdr-names").last { $0.modifier == nil }
    switch HeaderNamePolicySpec(written: restrict?.arguments) {
    case .delete?: options.restrictHeaderNames = .delete
    case .reject?: options.restrictHeaderNames = .reject
    case .preserve?: break
    case nil:
        if let restrict { context.error(PlannerMessage.ruleInvalid, HeaderNamePolicySpec.problem, at: restrict.range) }
    }
    for line in proxy.directives("option http-restrict-req-hdr-names") { context.markHandled(line.range) }
    return options
}
