/// The answer of `weir route`: the rules and ACLs looked at, and where the
/// request ends.
public struct RouteExplanation: Sendable, Hashable {
    public var frontend: String
    public var decision: RoutingDecision
    /// The server a fresh balancer with every server up picks, when the outcome is a backend.
    public var server: String?
    /// How that server was picked (`roundrobin: first pick of a fresh rotation`, `source: hash of 10.0.0.1`).
    public var serverNote: String?
}

/// Explains where a request goes without opening a socket.
public struct RouteExplainer: Sendable {
    public let plan: RuntimePlan
    private let router: RequestRouter

    public init(plan: RuntimePlan) {
        self.plan = plan
        self.router = RequestRouter(plan: plan)
    }

    /// The frontend a request on `port` reaches: the one bound there, else the first.
    public func frontend(named name: String?, port: Int?) -> FrontendPlan? {
        if let name { return plan.frontends.first { $0.name == name } }
        if let port, let bound = plan.frontends.first(where: { $0.binds.contains { $0.endpoint.inetPort == port } }) { return bound }
        return plan.frontends.first
    }

    public func explain(_ facts: RequestFacts, frontend: FrontendPlan) -> RouteExplanation {
        let decision = router.route(frontend, facts)
        var explanation = RouteExplanation(frontend: frontend.name, decision: decision)
        guard case .backend(let name) = decision.outcome, let backend = plan.backend(named: name) else { return explanation }
        var selector = ServerSelector(backend: backend)
        let statuses = backend.servers.map { _ in ServerStatus() }
        guard let index = selector.choose(statuses, for: decision.request) else {
            explanation.serverNote = "no server can take traffic (503)"
            return explanation
        }
        explanation.server = backend.servers[index].name
        explanation.serverNote = note(backend, decision.request, selector)
        return explanation
    }

    private func note(_ backend: BackendPlan, _ request: RequestFacts, _ selector: ServerSelector) -> String {
        let algorithm = backend.balance.algorithm
        switch algorithm {
        case .source, .uri, .urlParam, .header:
            guard let key = selector.hashKey(request) else { return "\(algorithm.rawValue): no key in the request, round-robin instead" }
            return "\(algorithm.rawValue) (\(backend.balance.hashType.rawValue)): hash of '\(key)', every server up"
        case .roundrobin, .staticRoundRobin, .leastconn:
            return "\(algorithm.rawValue): the first pick with every server up and idle; later requests rotate"
        case .first: return "first: the first server up with room"
        case .random: return "random: one possible pick"
        }
    }
}
