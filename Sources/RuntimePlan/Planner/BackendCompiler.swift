import ConfigDiagnostics
import HAProxyConfig
import RuntimePlan

/// Compiles the server side of a `backend` or `listen` section.
struct BackendCompiler {
    let proxy: Proxy
    let acls: ACLTable

    static let timeouts = ["connect", "server", "server-fin", "queue", "tunnel", "check"]
    static let keywords: Set<String> = [
        "mode", "balance", "hash-type", "retries", "retry-on", "option redispatch", "option allbackups", "option httpchk",
        "option tcp-check", "http-check send", "http-check expect", "http-check disable-on-404", "tcp-check connect", "tcp-check send",
        "tcp-check send-binary", "tcp-check expect", "option http-server-close", "option httpclose", "option forwardfor",
        "option http-keep-alive", "description", "default-server",
    ]

    func compile(context: inout PlanningContext) -> BackendPlan {
        let name = proxy.name ?? ""
        markCommon(proxy, keywords: Self.keywords, timeouts: Self.timeouts, context: &context)
        let retries = proxy.directives("retries").last?.arguments.first.flatMap { Int($0) } ?? 3
        var plan = BackendPlan(name: name, mode: proxy.mode == .tcp ? .tcp : .http, balance: balance(context: &context),
                               timeouts: BackendTimeoutPlan(written: milliseconds(proxy, Self.timeouts)), options: httpOptions(proxy, context: &context), retries: retries,
                               redispatch: proxy.options["redispatch"] == true,
                               allBackups: proxy.options["allbackups"] == true, acls: acls.named,
                               source: SourceRef(proxy.range))
        plan.compression = CompressionCompiler(proxy: proxy).compile(context: &context)
        // `retry-on` is ignored outside `mode http`, as HAProxy does; a line replaces the one before it.
        if plan.mode == .http, let spec = RetryOnSpec(proxy) {
            if let problem = spec.problem { context.error(SemanticFindings.retryOnInvalid, problem.message, at: problem.range) }
            plan.retryOn = RetryPolicy(spec)
        }
        let defaults = proxy.defaultServer?.options ?? []
        for server in proxy.servers {
            context.markHandled(server.range)
            var merged = server
            merged.options = defaults + server.options
            if let compiled = ServerCompiler(proxyName: name).compile(merged, context: &context) {
                plan.servers.append(compiled)
            }
        }
        plan.persistence = PersistenceCompiler(proxy: proxy, acls: acls).compile(context: &context)
        assignDynamicCookies(&plan, context: &context)
        if plan.servers.contains(where: { $0.check != nil }) {
            plan.healthCheck = HealthCheckCompiler(proxy: proxy).compile()
        }
        TCPRuleCompiler.acceptOnlyResponseRules(proxy, context: &context)
        plan.errorFiles = ErrorFileCompiler.compile(proxy, context: &context)
        if proxy.kind == .backend {
            let rules = RuleCompiler(acls: acls, proxyName: name)
            plan.httpRequestRules = rules.compile(proxy.rules, directives: proxy.directives, context: &context)
                + rules.compileRedirects(proxy.directives, context: &context)
            plan.httpResponseRules = rules.compile(proxy.rules, directives: proxy.directives, hook: "http-response", context: &context)
            plan.httpAfterResponseRules = rules.compile(proxy.rules, directives: proxy.directives, hook: "http-after-response",
                                                        context: &context)
        }
        return plan
    }

    /// `cookie NAME … dynamic`: each server without its own `cookie` gets the value HAProxy derives from
    /// `dynamic-cookie-key` and its address and port.
    private func assignDynamicCookies(_ plan: inout BackendPlan, context: inout PlanningContext) {
        guard plan.persistence?.cookie != nil, proxy.directives("cookie").last?.arguments.contains("dynamic") == true,
              let line = proxy.directives("dynamic-cookie-key").last, let key = line.arguments.first else { return }
        context.markHandled(line.range)
        for index in plan.servers.indices where plan.servers[index].cookie == nil {
            switch plan.servers[index].address {
            case .inet(let host, let port): plan.servers[index].cookie = DynamicCookie.value(key: key, host: host, port: port)
            case .inetClientPort(let host, let offset): plan.servers[index].cookie = DynamicCookie.value(key: key, host: host, port: offset)
            default: continue
            }
        }
    }

    private func balance(context: inout PlanningContext) -> BalancePlan {
        var plan = BalancePlan()
        let hashWords = proxy.directives("hash-type").last?.arguments ?? []
        if hashWords.first == "consistent" { plan.hashType = .consistent }
        guard let words = proxy.balance, let first = words.first else { return plan }
        if first.hasPrefix("hdr("), first.hasSuffix(")") {
            plan.algorithm = .header
            plan.parameter = String(first.dropFirst(4).dropLast())
        } else if first.hasPrefix("random") {
            plan.algorithm = .random
        } else if let algorithm = BalancePlan.Algorithm(rawValue: first) {
            plan.algorithm = algorithm
            if algorithm == .urlParam { plan.parameter = words.dropFirst().first }
            if algorithm == .uri { plan.wholeURI = words.contains("whole") }
        } else if let directive = proxy.directives("balance").last {
            context.unsupported(directive, proxy: proxy.name, feature: "balance " + first)
        }
        return plan
    }
}
