/// Where a request goes and what was decided on the way.
public struct RoutingDecision: Sendable, Hashable {
    /// The end of request processing.
    public enum Outcome: Sendable, Hashable {
        /// Forward to this backend.
        case backend(String)
        /// Answer directly: `deny`, `return`.
        case respond(status: Int, contentType: String?, body: String?, headers: [HTTPHeaderField], denied: Bool)
        /// Answer with an error page (`deny` or `return` naming one): `file`, or the proxy's page when nil.
        case page(status: Int, file: ErrorFile?, denied: Bool)
        /// Answer with a redirection (and a `Set-Cookie` line when `cookie` is set).
        case redirect(status: Int, location: String, cookie: String?)
        /// No `use_backend` matched and there is no `default_backend` (HAProxy answers 503).
        case noBackend
        /// `http-request reject`: the connection closes without an answer.
        case reject
    }

    public var outcome: Outcome
    /// The position in the plan of the backend chosen (of `.backend`, or of the backend whose rules answered).
    public var backendIndex: Int?
    /// The request after the header rules ran.
    public var request: RequestFacts
    /// Every rule looked at, in order.
    public var steps: [RuleStep]
}

/// One rule and whether it applied, with the ACLs it evaluated.
public struct RuleStep: Sendable, Hashable {
    /// The section the rule is in.
    public var proxy: String
    /// The rule as written.
    public var text: String
    public var source: SourceRef?
    public var applied: Bool
    public var acls: [ACLEvaluator.Outcome]
}

/// Runs a frontend's `http-request` rules, then `use_backend` and
/// `default_backend` (the planner makes a `listen` section without one its own),
/// then the chosen backend's `http-request` rules. Pure:
/// the engine and `weir route` both route through it, so they agree.
public struct RequestRouter: Sendable {
    public let plan: RuntimePlan
    public let evaluator: ACLEvaluator
    private let backendPositions: [String: Int]

    /// A backend's position in the plan, by name.
    public func position(of backend: String?) -> Int? { backend.flatMap { backendPositions[$0] } }

    public init(plan: RuntimePlan) {
        self.plan = plan
        self.evaluator = ACLEvaluator(plan: plan)
        self.backendPositions = Dictionary(plan.backends.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// Routes a request; with `tracing` false (the engine), `steps` stays empty and no trace text is built.
    /// `targets`, the frontend's backends resolved beforehand, spares a lookup by name.
    public func route(_ frontend: FrontendPlan, _ facts: RequestFacts, tracing: Bool = true,
                      targets: BackendTargets? = nil) -> RoutingDecision {
        var decision = RoutingDecision(outcome: .noBackend, request: facts, steps: [])
        decision.request.frontendName = frontend.name
        if targets?.namesListeners ?? frontend.binds.contains(where: { $0.name != nil }) {
            decision.request.listenerName = frontend.listenerName(destination: facts.destination, port: facts.destinationPort)
        }
        decision.request.receivedMethod = decision.request.receivedMethod ?? facts.method
        decision.request.receivedTarget = decision.request.receivedTarget ?? facts.target
        // Until `use_backend` chooses, the stream's backend is the proxy itself: a `listen` has its timeouts.
        if let own = backendPositions[frontend.name] { Self.takeTimeouts(of: plan.backends[own], &decision.request) }
        if let final = runRules(frontend.httpRequestRules, proxy: frontend.name, tracing: tracing, &decision)
            ?? Self.restrictHeaderNames(frontend.options.restrictHeaderNames, &decision.request) {
            decision.outcome = final
            return decision
        }
        var chosen: String?
        var chosenIndex: Int?
        for (position, rule) in frontend.backendRules.enumerated() {
            guard tracing else {
                if rule.condition.map({ evaluator.evaluate($0, decision.request) }) ?? true {
                    chosen = dynamicName(rule, decision.request) ?? rule.backend
                    chosenIndex = rule.dynamicName == nil ? targets?.rules[position] : nil
                    break
                }
                continue
            }
            var trace: [ACLEvaluator.Outcome] = []
            let applies = rule.condition.map { evaluator.evaluate($0, decision.request, trace: &trace) } ?? true
            decision.steps.append(RuleStep(proxy: frontend.name,
                                           text: (["use_backend", rule.backend] + (rule.conditionText.map { [$0] } ?? []))
                                               .joined(separator: " "),
                                           source: rule.source, applied: applies, acls: trace))
            if applies {
                chosen = dynamicName(rule, decision.request) ?? rule.backend
                break
            }
        }
        // A dynamic name that names no backend ends the rules and falls back to `default_backend`, as in HAProxy.
        if let name = chosen, backendPositions[name] == nil, frontend.backendRules.contains(where: { $0.dynamicName != nil }) {
            chosen = nil
        }
        if chosen == nil, let fallback = frontend.defaultBackend {
            if tracing {
                decision.steps.append(RuleStep(proxy: frontend.name, text: "default_backend \(fallback)", source: nil, applied: true,
                                               acls: []))
            }
            chosen = fallback
            chosenIndex = targets?.fallback
        }
        guard let name = chosen, let index = chosenIndex ?? backendPositions[name] else { return decision }
        let backend = plan.backends[index]
        decision.request.backendName = name
        Self.takeTimeouts(of: backend, &decision.request)
        // Known from here, also when the backend's own rules answer (its `errorfile` pages apply then).
        decision.backendIndex = index
        if name != frontend.name, let final = runRules(backend.httpRequestRules, proxy: backend.name, tracing: tracing, &decision)
            ?? Self.restrictHeaderNames(backend.options.restrictHeaderNames, &decision.request) {
            decision.outcome = final
            return decision
        }
        decision.outcome = .backend(name)
        return decision
    }

    /// The chosen backend's `server` and `tunnel` timeouts, as `be_server_timeout` reads them.
    private static func takeTimeouts(of backend: BackendPlan, _ request: inout RequestFacts) {
        request.timeouts.backendServerMs = backend.timeouts.serverMs
        request.timeouts.backendTunnelMs = backend.timeouts.tunnelMs
    }

    /// `option http-restrict-req-hdr-names`, after a section's rules: headers whose names hold a character outside
    /// `[A-Za-z0-9-]` are removed, or the request is denied (403, HAProxy's page).
    private static func restrictHeaderNames(_ policy: HeaderNamePolicy?, _ request: inout RequestFacts) -> RoutingDecision.Outcome? {
        guard let policy, !request.headers.allSatisfy({ HeaderNamePolicy.allows($0.name) }) else { return nil }
        switch policy {
        case .delete: request.headers.removeAll { !HeaderNamePolicy.allows($0.name) }
        case .reject: return .page(status: 403, file: nil, denied: true)
        }
        return nil
    }

    /// The rendered name of a `use_backend` written as a log-format string; nil for a plain name.
    private func dynamicName(_ rule: BackendRule, _ request: RequestFacts) -> String? {
        rule.dynamicName.map { $0.render(request) }
    }

    /// Runs rules in order; returns the outcome of the first final rule that applies.
    private func runRules(_ rules: [HTTPRequestRule], proxy: String, tracing: Bool,
                          _ decision: inout RoutingDecision) -> RoutingDecision.Outcome? {
        for rule in rules {
            let applies: Bool
            if tracing {
                var trace: [ACLEvaluator.Outcome] = []
                applies = rule.condition.map { evaluator.evaluate($0, decision.request, trace: &trace) } ?? true
                decision.steps.append(RuleStep(proxy: proxy, text: rule.text, source: rule.source, applied: applies, acls: trace))
            } else {
                applies = rule.condition.map { evaluator.evaluate($0, decision.request) } ?? true
            }
            guard applies else { continue }
            // `allow` ends this section's rules; the next section's still run.
            if rule.action == .allow { return nil }
            if let outcome = apply(rule, to: &decision.request) { return outcome }
        }
        return nil
    }

    private func apply(_ rule: HTTPRequestRule, to request: inout RequestFacts) -> RoutingDecision.Outcome? {
        switch rule.action {
        case .setHeader, .addHeader, .delHeader, .replaceHeader, .replaceValue:
            var headers = request.headers
            RuleActions.editHeaders(rule, &headers, request)
            request.headers = headers
        case .setVar, .unsetVar, .setVarFormat:
            RuleActions.setVariable(rule, &request)
        case .setMethod, .setPath, .setPathQuery, .setQuery, .setURI, .replacePath, .replacePathQuery, .replaceURI:
            RuleActions.rewriteRequestLine(rule, &request)
        case .setTimeout:
            RuleActions.setTimeout(rule, &request)
        case .normalizeURI:
            guard let normalization = rule.normalization else { return nil }
            // A `strict` normalizer that meets a malformed `%` sequence makes the request a bad one (HAProxy's 400).
            guard let target = URINormalizer.normalize(request.target, normalization) else {
                return .page(status: 400, file: nil, denied: false)
            }
            request.target = target
        case .allow, .setStatus:
            return nil
        case .capture:
            RuleActions.capture(rule, into: &request.requestCaptures, request)
        case .stickCounter:
            if let action = rule.stickCounter { StickCounterStep.run(action, on: request) }
        case .reject:
            return .reject
        case .deny:
            if let page = rule.errorPage { return .page(status: rule.status ?? 403, file: page.file, denied: true) }
            return .respond(status: rule.status ?? 403, contentType: rule.contentType, body: rule.value?.render(request),
                            headers: Self.replyHeaders(rule, request), denied: true)
        case .return:
            if let page = rule.errorPage { return .page(status: rule.status ?? 200, file: page.file, denied: false) }
            return .respond(status: rule.status ?? 200, contentType: rule.contentType, body: rule.value?.render(request),
                            headers: Self.replyHeaders(rule, request), denied: false)
        case .redirect:
            let options = rule.redirectOptions ?? RedirectOptions()
            let target = location(rule, request)
            // `ignore-empty`: a location that renders empty skips the rule.
            if options.ignoreEmpty, rule.redirectKind ?? .location == .location, target.isEmpty { return nil }
            return .redirect(status: rule.status ?? 302, location: target, cookie: options.cookie)
        }
        return nil
    }

    /// The `hdr` lines of a `return` or `deny` reply, rendered; as HAProxy, a header whose value renders empty is left out.
    private static func replyHeaders(_ rule: HTTPRequestRule, _ request: RequestFacts) -> [HTTPHeaderField] {
        rule.headers.map { field in
            HTTPHeaderField(name: field.name, value: RuleActions.lineSafe(field.value.render(request)))
        }.filter { !$0.value.isEmpty }
    }

    private func location(_ rule: HTTPRequestRule, _ request: RequestFacts) -> String {
        let target = RuleActions.lineSafe(rule.value?.render(request) ?? "")
        let options = rule.redirectOptions ?? RedirectOptions()
        let uri = request.path + (options.dropQuery ? "" : request.query.map { "?" + $0 } ?? "")
        var location: String
        switch rule.redirectKind ?? .location {
        case .location: return target
        case .prefix: location = (target == "/" ? "" : target) + uri
        case .scheme: location = target + "://" + (request.fullHeaderValues("host").first ?? "") + uri
        }
        if options.appendSlash, let last = location.last, last != "/" { location += "/" }
        return location
    }
}
