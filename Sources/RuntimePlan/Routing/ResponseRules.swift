/// What the response rules decided.
public struct ResponseDecision: Sendable, Hashable {
    /// The transaction after the rules: `response` holds the status, reason and headers to send.
    public var facts: RequestFacts
    /// The status of the error to send instead (`http-response deny`), nil to send the response.
    public var denied: Int?
}

extension RequestRouter {
    /// Runs `http-response` rules on a server's response: the backend's first, then the
    /// frontend's (HAProxy's order); a `deny` ends both. Variables of the `req` scope are gone by then.
    public func respond(_ frontend: FrontendPlan, backend: String?, _ facts: RequestFacts) -> ResponseDecision {
        respond(frontend, backendIndex: position(of: backend), facts)
    }

    /// `respond` with the backend given by its position in the plan (the engine's form: no lookup by name).
    public func respond(_ frontend: FrontendPlan, backendIndex backend: Int?, _ facts: RequestFacts) -> ResponseDecision {
        var facts = facts
        for name in facts.variables.keys where name.hasPrefix("req.") { facts.variables[name] = nil }
        for rules in sections(frontend, backend, \.httpResponseRules) {
            if let denied = runResponseRules(rules, &facts) { return ResponseDecision(facts: facts, denied: denied) }
        }
        return ResponseDecision(facts: facts, denied: nil)
    }

    /// Runs `http-after-response` rules, backend's then frontend's, on any response about to be sent,
    /// the proxy's own answers included.
    public func afterResponse(_ frontend: FrontendPlan, backend: String?, _ facts: RequestFacts) -> RequestFacts {
        afterResponse(frontend, backendIndex: position(of: backend), facts)
    }

    /// `afterResponse` with the backend given by its position in the plan.
    public func afterResponse(_ frontend: FrontendPlan, backendIndex backend: Int?, _ facts: RequestFacts) -> RequestFacts {
        var facts = facts
        for rules in sections(frontend, backend, \.httpAfterResponseRules) { _ = runResponseRules(rules, &facts) }
        return facts
    }

    /// Whether any response rule would run for this frontend and backend (the engine skips the work otherwise).
    public func hasResponseRules(_ frontend: FrontendPlan, backend: String?) -> Bool {
        hasResponseRules(frontend, backendIndex: position(of: backend))
    }

    /// `hasResponseRules` with the backend given by its position in the plan.
    public func hasResponseRules(_ frontend: FrontendPlan, backendIndex backend: Int?) -> Bool {
        !(sections(frontend, backend, \.httpResponseRules) + sections(frontend, backend, \.httpAfterResponseRules))
            .allSatisfy(\.isEmpty)
    }

    /// Whether any `http-after-response` rule would run (for the proxy's own answers).
    public func hasAfterResponseRules(_ frontend: FrontendPlan, backend: String?) -> Bool {
        hasAfterResponseRules(frontend, backendIndex: position(of: backend))
    }

    /// `hasAfterResponseRules` with the backend given by its position in the plan.
    public func hasAfterResponseRules(_ frontend: FrontendPlan, backendIndex backend: Int?) -> Bool {
        !sections(frontend, backend, \.httpAfterResponseRules).allSatisfy(\.isEmpty)
    }

    /// The rule lists of the backend (when it is another section) and of the frontend, in that order.
    private func sections(_ frontend: FrontendPlan, _ backend: Int?,
                          _ list: (HTTPRuleLists) -> [HTTPRequestRule]) -> [[HTTPRequestRule]] {
        var result: [[HTTPRequestRule]] = []
        if let backend, plan.backends.indices.contains(backend), plan.backends[backend].name != frontend.name {
            result.append(list(HTTPRuleLists(plan.backends[backend])))
        }
        result.append(list(HTTPRuleLists(frontend)))
        return result
    }

    /// Runs one section's rules; the deny status when a `deny` applies.
    private func runResponseRules(_ rules: [HTTPRequestRule], _ facts: inout RequestFacts) -> Int? {
        for rule in rules where rule.condition.map({ evaluator.evaluate($0, facts) }) ?? true {
            switch rule.action {
            case .allow: return nil
            case .deny: return rule.status ?? 502
            case .setStatus:
                facts.response?.status = rule.status ?? 200
                facts.response?.reason = rule.reason ?? HTTPReason.phrase(rule.status ?? 200)
            case .setVar, .unsetVar, .setVarFormat:
                RuleActions.setVariable(rule, &facts)
            case .capture:
                RuleActions.capture(rule, into: &facts.responseCaptures, facts)
            default:
                guard var response = facts.response else { continue }
                RuleActions.editHeaders(rule, &response.headers, facts)
                facts.response = response
            }
        }
        return nil
    }
}

/// The response rule lists of a frontend or a backend.
struct HTTPRuleLists {
    var httpResponseRules: [HTTPRequestRule]
    var httpAfterResponseRules: [HTTPRequestRule]

    init(_ frontend: FrontendPlan) {
        httpResponseRules = frontend.httpResponseRules
        httpAfterResponseRules = frontend.httpAfterResponseRules
    }

    init(_ backend: BackendPlan) {
        httpResponseRules = backend.httpResponseRules
        httpAfterResponseRules = backend.httpAfterResponseRules
    }
}

/// HAProxy's reason phrases for `set-status` without `reason`.
public enum HTTPReason {
    public static func phrase(_ status: Int) -> String {
        switch status {
        case 100: "Continue"
        case 101: "Switching Protocols"
        case 200: "OK"
        case 201: "Created"
        case 202: "Accepted"
        case 203: "Non-Authoritative Information"
        case 204: "No Content"
        case 205: "Reset Content"
        case 206: "Partial Content"
        case 300: "Multiple Choices"
        case 301: "Moved Permanently"
        case 302: "Found"
        case 303: "See Other"
        case 304: "Not Modified"
        case 307: "Temporary Redirect"
        case 308: "Permanent Redirect"
        case 400: "Bad Request"
        case 401: "Unauthorized"
        case 403: "Forbidden"
        case 404: "Not Found"
        case 405: "Method Not Allowed"
        case 408: "Request Timeout"
        case 409: "Conflict"
        case 410: "Gone"
        case 413: "Payload Too Large"
        case 418: "I'm a teapot"
        case 421: "Misdirected Request"
        case 425: "Too Early"
        case 429: "Too Many Requests"
        case 500: "Internal Server Error"
        case 501: "Not Implemented"
        case 502: "Bad Gateway"
        case 503: "Service Unavailable"
        case 504: "Gateway Timeout"
        default: "Other"
        }
    }
}
