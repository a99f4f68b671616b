import NIOConcurrencyHelpers
import NIOCore
import RuntimePlan

/// Why a backend could not give a server.
enum ServerAcquisitionError: Error {
    /// No server is up (HAProxy answers 503).
    case noServer
    /// The request waited in a queue longer than `timeout queue` (503).
    case queueTimeout
}

/// The live state of one backend, shared by every event loop: which servers
/// are up, how many requests each handles, the balancer, and the queues of
/// requests waiting for a server below its `maxconn`.
final class BackendState: Sendable {
    let plan: BackendPlan
    private let state: NIOLockedValueBox<Mutable>

    struct Waiter {
        var id: UInt64
        var promise: EventLoopPromise<Int>
    }

    struct Mutable {
        var selector: ServerSelector
        var statuses: [ServerStatus]
        /// Requests waiting for one given server (hash-based balancing).
        var serverQueues: [[Waiter]]
        /// Requests waiting for any server.
        var backendQueue: [Waiter] = []
        var nextWaiterID: UInt64 = 0
        /// Administrative state and check history, for the runtime API and the stats page.
        var runtime: [ServerRuntimeState]
    }

    init(plan: BackendPlan) {
        self.plan = plan
        let statuses = plan.servers.map { _ in ServerStatus() }
        let runtime = plan.servers.map { ServerRuntimeState(maintenance: $0.maintenance, weight: $0.weight, checked: $0.check != nil) }
        state = NIOLockedValueBox(Mutable(selector: ServerSelector(backend: plan), statuses: statuses,
                                          serverQueues: plan.servers.map { _ in [] }, runtime: runtime))
    }

    /// Runs `body` under the backend's lock (the administrative changes of `BackendState+Admin`).
    func withState<Result>(_ body: (inout Mutable) -> Result) -> Result { state.withLockedValue(body) }

    var queueTimeoutMs: Int { plan.timeoutsMs["queue"] ?? plan.timeoutsMs["connect"] ?? 5000 }

    func isUp(_ index: Int) -> Bool { state.withLockedValue { $0.statuses[index].up } }

    func active(_ index: Int) -> Int { state.withLockedValue { $0.statuses[index].active } }

    /// Marks a server up or down; a server coming up takes queued requests.
    func setUp(_ index: Int, _ up: Bool) {
        let handoffs = state.withLockedValue { state -> [(EventLoopPromise<Int>, Int)] in
            state.statuses[index].up = up
            Self.noteTransition(&state.runtime[index], up: up)
            return up ? Self.dispatchQueued(&state, plan: plan) : []
        }
        for (promise, server) in handoffs { promise.succeed(server) }
    }

    /// A server for this request, counted as active until `release`; waits
    /// in a queue when every candidate is at its `maxconn`.
    func acquire(for request: RequestFacts, excluding: Set<Int>, on loop: EventLoop) -> EventLoopFuture<Int> {
        let promise = loop.makePromise(of: Int.self)
        let outcome = state.withLockedValue { state -> Result<Int, ServerAcquisitionError>? in
            let (picked, chosen) = pick(&state, for: request, excluding: excluding)
            if let picked { return picked }
            let hashed = [.source, .uri, .urlParam, .header].contains(plan.balance.algorithm)
            state.nextWaiterID += 1
            let waiter = Waiter(id: state.nextWaiterID, promise: promise)
            if hashed { state.serverQueues[chosen].append(waiter) } else { state.backendQueue.append(waiter) }
            return nil
        }
        switch outcome {
        case .success(let index)?: promise.succeed(index)
        case .failure(let error)?: promise.fail(error)
        case nil:
            let id = state.withLockedValue { $0.nextWaiterID }
            let timeout = loop.scheduleTask(in: .milliseconds(Int64(queueTimeoutMs))) { [self] in
                if removeWaiter(id) { promise.fail(ServerAcquisitionError.queueTimeout) }
            }
            promise.futureResult.whenComplete { _ in timeout.cancel() }
        }
        return promise.futureResult
    }

    /// A server for this request without waiting: `.success` (counted as
    /// active until `release`), `.failure` when no server is up, nil when the
    /// request would have to wait in a queue (then `acquire` queues it). No
    /// promise is made, so a request that gets a server at once costs one lock.
    func tryAcquire(for request: RequestFacts, excluding: Set<Int>) -> Result<Int, ServerAcquisitionError>? {
        state.withLockedValue { pick(&$0, for: request, excluding: excluding).result }
    }

    /// Takes one given server (the one persistence asks for) if it has room; false otherwise.
    func tryAcquire(server index: Int) -> Bool {
        state.withLockedValue { state in
            guard hasRoom(index, state) else { return false }
            state.statuses[index].active += 1
            return true
        }
    }

    /// The balancer's choice (asked once: it may advance a rotation) if it has
    /// room, or for non-hash balancing any eligible server with room; a nil
    /// result when every candidate is full, with the server whose queue to join.
    private func pick(_ state: inout Mutable, for request: RequestFacts,
                      excluding: Set<Int>) -> (result: Result<Int, ServerAcquisitionError>?, chosen: Int) {
        guard let chosen = state.selector.choose(state.statuses, for: request, excluding: excluding) else {
            return (.failure(.noServer), 0)
        }
        if hasRoom(chosen, state) {
            state.statuses[chosen].active += 1
            state.runtime[chosen].peakActive = max(state.runtime[chosen].peakActive, state.statuses[chosen].active)
            return (.success(chosen), chosen)
        }
        let hashed = [.source, .uri, .urlParam, .header].contains(plan.balance.algorithm)
        if !hashed, let other = state.selector.eligible(state.statuses, excluding: excluding).first(where: { hasRoom($0, state) }) {
            state.statuses[other].active += 1
            state.runtime[other].peakActive = max(state.runtime[other].peakActive, state.statuses[other].active)
            return (.success(other), chosen)
        }
        return (nil, chosen)
    }

    /// Ends a request on a server and hands its place to a queued request.
    func release(_ index: Int) {
        let handoffs = state.withLockedValue { state -> [(EventLoopPromise<Int>, Int)] in
            state.statuses[index].active -= 1
            return Self.dispatchQueued(&state, plan: plan)
        }
        for (promise, server) in handoffs { promise.succeed(server) }
    }

    private func removeWaiter(_ id: UInt64) -> Bool {
        state.withLockedValue { state in
            if let position = state.backendQueue.firstIndex(where: { $0.id == id }) {
                state.backendQueue.remove(at: position)
                return true
            }
            for server in state.serverQueues.indices {
                if let position = state.serverQueues[server].firstIndex(where: { $0.id == id }) {
                    state.serverQueues[server].remove(at: position)
                    return true
                }
            }
            return false
        }
    }

    private func hasRoom(_ index: Int, _ state: Mutable) -> Bool {
        guard let limit = plan.servers[index].maxconn else { return true }
        return state.statuses[index].active < limit
    }

    /// Gives free places to waiting requests: a server's own queue first, then the backend's.
    static func dispatchQueued(_ state: inout Mutable, plan: BackendPlan) -> [(EventLoopPromise<Int>, Int)] {
        var handoffs: [(EventLoopPromise<Int>, Int)] = []
        for index in plan.servers.indices where state.statuses[index].up && !state.runtime[index].maintenance
            && !state.runtime[index].draining {
            let limit = plan.servers[index].maxconn ?? Int.max
            while state.statuses[index].active < limit {
                let waiter: Waiter
                if !state.serverQueues[index].isEmpty {
                    waiter = state.serverQueues[index].removeFirst()
                } else if !state.backendQueue.isEmpty, !plan.servers[index].backup {
                    waiter = state.backendQueue.removeFirst()
                } else {
                    break
                }
                state.statuses[index].active += 1
                state.runtime[index].peakActive = max(state.runtime[index].peakActive, state.statuses[index].active)
                handoffs.append((waiter.promise, index))
            }
        }
        return handoffs
    }
}
