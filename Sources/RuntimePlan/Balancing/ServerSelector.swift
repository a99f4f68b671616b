/// What the balancer needs to know about one server right now.
public struct ServerStatus: Sendable, Hashable {
    /// Whether health checks (or their absence) say the server is up.
    public var up: Bool
    /// Connections (or requests) the server is handling now.
    public var active: Int
    /// Set to drain (stats socket or page): the balancer gives it no new request.
    public var draining: Bool

    public init(up: Bool = true, active: Int = 0, draining: Bool = false) {
        self.up = up
        self.active = active
        self.draining = draining
    }
}

/// Picks a server of one backend as HAProxy's `balance` algorithms do. A
/// value type with the state the algorithms keep (smooth round-robin
/// credits, the leastconn cursor); the engine keeps one per backend behind
/// a lock, `weir route` makes a fresh one.
public struct ServerSelector: Sendable {
    /// The backend, with the weights and maintenance flags set at run time (`setServer`).
    public private(set) var backend: BackendPlan
    private var credits: [Int]
    /// Where leastconn starts among servers with equally few connections (the engine shares it between event loops).
    public var cursor = 0

    public init(backend: BackendPlan) {
        self.backend = backend
        self.credits = Array(repeating: 0, count: backend.servers.count)
    }

    /// The servers that may take traffic: up, not in maintenance, weight
    /// above zero and not excluded; the backups only when no other is
    /// (the first backup, or all with `option allbackups`).
    public func eligible(_ statuses: [ServerStatus], excluding: Set<Int> = []) -> [Int] {
        let usable = backend.servers.indices.filter { index in
            let server = backend.servers[index]
            return statuses[index].up && !statuses[index].draining && !server.maintenance && server.weight > 0
                && !excluding.contains(index)
        }
        let active = usable.filter { !backend.servers[$0].backup }
        if !active.isEmpty { return active }
        let backups = usable.filter { backend.servers[$0].backup }
        return backend.allBackups ? backups : Array(backups.prefix(1))
    }

    /// Changes a server's weight and maintenance flag at run time (the runtime API, the stats page).
    public mutating func setServer(_ index: Int, weight: Int, maintenance: Bool) {
        backend.servers[index].weight = weight
        backend.servers[index].maintenance = maintenance
    }

    /// The index of the chosen server, nil when none is eligible.
    public mutating func choose(_ statuses: [ServerStatus], for request: RequestFacts, excluding: Set<Int> = []) -> Int? {
        let candidates = eligible(statuses, excluding: excluding)
        guard !candidates.isEmpty else { return nil }
        switch backend.balance.algorithm {
        case .roundrobin, .staticRoundRobin:
            return smoothRoundRobin(candidates)
        case .leastconn:
            return leastConnections(candidates, statuses)
        case .first:
            return candidates.first { index in
                backend.servers[index].maxconn.map { statuses[index].active < $0 } ?? true
            } ?? candidates[0]
        case .random:
            var generator = SystemRandomNumberGenerator()
            return weightedPick(candidates, point: Int(generator.next() % UInt64(max(1, totalWeight(candidates)))))
        case .source, .uri, .urlParam, .header:
            guard let key = hashKey(request) else { return smoothRoundRobin(candidates) }
            return hashed(candidates, key: key)
        }
    }

    /// The text the hash-based algorithms hash, nil when the request lacks it.
    public func hashKey(_ request: RequestFacts) -> String? {
        let parameter = backend.balance.parameter ?? ""
        switch backend.balance.algorithm {
        case .source: return request.source
        case .uri: return backend.balance.wholeURI ? request.target : request.path
        case .header: return request.headerValues(parameter).first
        case .urlParam:
            return request.query?.split(separator: "&").lazy.compactMap { pair -> String? in
                let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                return parts[0] == parameter && parts.count == 2 ? String(parts[1]) : nil
            }.first
        default: return nil
        }
    }

    /// Smooth weighted round-robin: every pick adds each candidate's weight
    /// to its credit and takes the highest, which then pays the total. Weights
    /// 3:1 give a b a a, not a a a b.
    private mutating func smoothRoundRobin(_ candidates: [Int]) -> Int {
        var best = candidates[0]
        for index in candidates {
            credits[index] += backend.servers[index].weight
            if credits[index] > credits[best] { best = index }
        }
        credits[best] -= totalWeight(candidates)
        return best
    }

    /// Fewest active connections per unit of weight; ties go round the servers in turn.
    private mutating func leastConnections(_ candidates: [Int], _ statuses: [ServerStatus]) -> Int {
        func load(_ index: Int) -> (Int, Int) { (statuses[index].active, backend.servers[index].weight) }
        let ordered = candidates.sorted { ($0 - cursor + backend.servers.count) % backend.servers.count
            < ($1 - cursor + backend.servers.count) % backend.servers.count }
        var best = ordered[0]
        for index in ordered.dropFirst() {
            let (a, wa) = load(index), (b, wb) = load(best)
            if a * wb < b * wa { best = index }
        }
        cursor = (best + 1) % backend.servers.count
        return best
    }

    private func hashed(_ candidates: [Int], key: String) -> Int {
        let hash = HashFunction.hash(key)
        switch backend.balance.hashType {
        case .mapBased:
            return weightedPick(candidates, point: Int(hash % UInt32(max(1, totalWeight(candidates)))))
        case .consistent:
            return ConsistentRing.pick(candidates, servers: backend.servers, hash: hash)
        }
    }

    private func weightedPick(_ candidates: [Int], point: Int) -> Int {
        var remaining = point
        for index in candidates {
            remaining -= backend.servers[index].weight
            if remaining < 0 { return index }
        }
        return candidates[candidates.count - 1]
    }

    private func totalWeight(_ candidates: [Int]) -> Int {
        candidates.reduce(0) { $0 + backend.servers[$1].weight }
    }
}
