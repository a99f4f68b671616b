import RuntimePlan

/// One event loop's balancer for one backend: picks a server without a lock.
///
/// What every loop must agree on is shared through the backend's atomics: the
/// round-robin position (one counter, so consecutive requests rotate over the
/// servers whichever loop they arrive on, as HAProxy's single lock-protected
/// tree does with `nbthread`), the leastconn tie-break cursor and each
/// server's connection count. What only changes on an administrative or
/// health event (which servers take traffic, their weights and addresses,
/// the round-robin order derived from them) is copied here and reread when
/// the backend's generation moves. Used only on its event loop.
final class LoopBalancer {
    private let backend: BackendState
    private var selector: ServerSelector
    private var statuses: [ServerStatus]
    private var seenGeneration = -1
    /// One period of smooth weighted round-robin over the servers taking traffic.
    private var rotation: [Int] = []
    /// Where each server is reached now (`set server … addr` changes it).
    private var addresses: [SocketEndpoint]

    init(_ backend: BackendState) {
        self.backend = backend
        selector = ServerSelector(backend: backend.plan)
        statuses = backend.plan.servers.map { _ in ServerStatus() }
        addresses = backend.plan.servers.map(\.address)
    }

    /// The balancer's choice for a request (nil when no server takes traffic); it does not take a place on it.
    func choose(for request: RequestFacts, excluding: Set<Int>) -> Int? {
        refreshIfChanged()
        switch backend.plan.balance.algorithm {
        case .roundrobin, .staticRoundRobin:
            return rotate(request, excluding: excluding)
        case .source, .uri, .urlParam, .header:
            guard selector.hashKey(request) != nil else { return rotate(request, excluding: excluding) }
            return selector.choose(statuses, for: request, excluding: excluding)
        case .leastconn:
            readConnectionCounts()
            selector.cursor = backend.leastConnectionsCursor.load(ordering: .relaxed)
            let chosen = selector.choose(statuses, for: request, excluding: excluding)
            backend.leastConnectionsCursor.store(selector.cursor, ordering: .relaxed)
            return chosen
        case .first, .random:
            readConnectionCounts()
            return selector.choose(statuses, for: request, excluding: excluding)
        }
    }

    /// The servers that may take traffic now, in order (where a request goes when the chosen one is full).
    func eligible(excluding: Set<Int>) -> [Int] {
        refreshIfChanged()
        return selector.eligible(statuses, excluding: excluding)
    }

    /// Where server `index` is reached now.
    func address(_ index: Int) -> SocketEndpoint {
        refreshIfChanged()
        return addresses[index]
    }

    /// The next server of the shared rotation that is not excluded.
    private func rotate(_ request: RequestFacts, excluding: Set<Int>) -> Int? {
        guard !rotation.isEmpty else { return nil }
        let ticket = backend.rotationTicket.loadThenWrappingIncrement(ordering: .relaxed)
        let start = Int(ticket % UInt(rotation.count))
        for step in 0..<rotation.count {
            let server = rotation[(start + step) % rotation.count]
            if !excluding.contains(server) { return server }
        }
        // Every server of the rotation was given up on: the backups, if any, take over.
        return selector.choose(statuses, for: request, excluding: excluding)
    }

    private func readConnectionCounts() {
        for index in statuses.indices {
            statuses[index].active = backend.servers[index].active.load(ordering: .relaxed)
        }
    }

    private func refreshIfChanged() {
        let generation = backend.generation.load(ordering: .acquiring)
        guard generation != seenGeneration else { return }
        seenGeneration = generation
        for (index, slot) in backend.servers.enumerated() {
            statuses[index].up = slot.up.load(ordering: .relaxed)
            statuses[index].draining = slot.draining.load(ordering: .relaxed) || slot.stopping.load(ordering: .relaxed)
            selector.setServer(index, weight: slot.weight.load(ordering: .relaxed),
                               maintenance: slot.maintenance.load(ordering: .relaxed))
            addresses[index] = backend.address(index)
        }
        rotation = Self.smoothRotation(selector.eligible(statuses), weights: selector.backend.servers.map(\.weight))
    }

    /// One period of smooth weighted round-robin: each step adds every
    /// candidate's weight to its credit and takes the highest, which then pays
    /// the total. Weights 3:1 give a b a a, not a a a b.
    static func smoothRotation(_ candidates: [Int], weights: [Int]) -> [Int] {
        let total = candidates.reduce(0) { $0 + weights[$1] }
        guard total > 0 else { return [] }
        var credits = [Int](repeating: 0, count: weights.count)
        var order: [Int] = []
        order.reserveCapacity(total)
        for _ in 0..<total {
            var best = candidates[0]
            for index in candidates {
                credits[index] += weights[index]
                if credits[index] > credits[best] { best = index }
            }
            credits[best] -= total
            order.append(best)
        }
        return order
    }
}
