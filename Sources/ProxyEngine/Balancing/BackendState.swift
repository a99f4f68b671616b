import Atomics
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

/// What a request got from a backend without waiting.
enum ServerAcquisition {
    /// This server, counted as active until `release`.
    case server(Int)
    /// No server takes traffic (503).
    case noServer
    /// Every candidate is at its `maxconn` (or requests already wait): `enqueue` with the balancer's choice.
    case full(chosen: Int)
}

/// The live state of one backend, shared by every event loop.
///
/// A request that gets a server at once takes no lock: the balancer of its
/// event loop (`LoopBalancer`) chooses, and the server's place is taken with
/// one atomic operation on its `ServerSlot` (bounded by `maxconn`). The lock
/// guards only the queues of requests waiting for a place and the
/// administrative state; it is taken when a request must wait, when a place
/// is given back while requests wait, and by the runtime API and health checks.
///
/// A queued request keeps its turn: while any request waits, a new one does
/// not take a place directly but goes through the queue (HAProxy gives freed
/// places to the queue first). The counter of waiting requests is raised under
/// the lock before a waiting request looks for a place one last time, and a
/// released place is given back before that counter is read, so a place freed
/// at that moment is seen by one of the two (both are sequentially consistent).
final class BackendState: Sendable {
    let plan: BackendPlan
    /// Each server's shared counters and flags, in plan order.
    let servers: [ServerSlot]
    /// Moves when a server's health, administrative state, weight or address changes.
    let generation = ManagedAtomic<Int>(0)
    /// The shared round-robin position.
    let rotationTicket = ManagedAtomic<UInt>(0)
    /// Where leastconn starts looking among servers with equally few connections.
    let leastConnectionsCursor = ManagedAtomic<Int>(0)
    /// Requests waiting in any queue of the backend.
    private let waiting = ManagedAtomic<Int>(0)
    /// Hash-based balancing: a request waits for its server, not for any.
    private let hashed: Bool
    private let state: NIOLockedValueBox<Mutable>

    struct Waiter {
        var id: UInt64
        var promise: EventLoopPromise<Int>
    }

    struct Mutable {
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
        servers = plan.servers.map { ServerSlot($0) }
        hashed = [.source, .uri, .urlParam, .header].contains(plan.balance.algorithm)
        let runtime = plan.servers.map { ServerRuntimeState(maintenance: $0.maintenance, weight: $0.weight, checked: $0.check != nil) }
        state = NIOLockedValueBox(Mutable(serverQueues: plan.servers.map { _ in [] }, runtime: runtime))
    }

    /// Runs `body` under the backend's lock (the administrative changes of `BackendState+Admin`).
    func withState<Result>(_ body: (inout Mutable) -> Result) -> Result { state.withLockedValue(body) }

    var queueTimeoutMs: Int { plan.timeouts.queueMs }

    func isUp(_ index: Int) -> Bool { servers[index].up.load(ordering: .relaxed) }

    func active(_ index: Int) -> Int { servers[index].active.load(ordering: .relaxed) }

    /// Marks a server up or down; a server coming up takes queued requests.
    func setUp(_ index: Int, _ up: Bool) {
        servers[index].up.store(up, ordering: .sequentiallyConsistent)
        generation.wrappingIncrement(ordering: .releasing)
        let handoffs = state.withLockedValue { state -> [(EventLoopPromise<Int>, Int)] in
            Self.noteTransition(&state.runtime[index], up: up)
            return up ? dispatchQueued(&state) : []
        }
        for (promise, server) in handoffs { promise.succeed(server) }
    }

    /// A server for this request without waiting and without a lock (see the type's comment).
    func tryAcquire(for request: RequestFacts, excluding: Set<Int>, balancer: LoopBalancer) -> ServerAcquisition {
        guard let chosen = balancer.choose(for: request, excluding: excluding) else { return .noServer }
        guard waiting.load(ordering: .sequentiallyConsistent) == 0 else { return .full(chosen: chosen) }
        if servers[chosen].claim() { return .server(chosen) }
        if !hashed, let other = balancer.eligible(excluding: excluding).first(where: { servers[$0].claim() }) {
            return .server(other)
        }
        return .full(chosen: chosen)
    }

    /// Waits for a place: on `chosen` with hash-based balancing, else on any
    /// server taking traffic; fails after `timeout queue`.
    func enqueue(chosen: Int, excluding: Set<Int>, balancer: LoopBalancer, on loop: EventLoop) -> EventLoopFuture<Int> {
        let promise = loop.makePromise(of: Int.self)
        let candidates = hashed ? [chosen] : [chosen] + balancer.eligible(excluding: excluding)
        let queued = state.withLockedValue { state -> UInt64? in
            waiting.wrappingIncrement(ordering: .sequentiallyConsistent)
            let nobodyAhead = hashed ? state.serverQueues[chosen].isEmpty : state.backendQueue.isEmpty
            if nobodyAhead, let server = candidates.first(where: { servers[$0].claim() }) {
                waiting.wrappingDecrement(ordering: .sequentiallyConsistent)
                promise.succeed(server)
                return nil
            }
            state.nextWaiterID += 1
            let waiter = Waiter(id: state.nextWaiterID, promise: promise)
            if hashed { state.serverQueues[chosen].append(waiter) } else { state.backendQueue.append(waiter) }
            return state.nextWaiterID
        }
        if let queued {
            let timeout = loop.scheduleTask(in: .milliseconds(Int64(queueTimeoutMs))) { [self] in
                if removeWaiter(queued) { promise.fail(ServerAcquisitionError.queueTimeout) }
            }
            promise.futureResult.whenComplete { _ in timeout.cancel() }
        }
        return promise.futureResult
    }

    /// `tryAcquire`, then `enqueue` when every candidate is full (one server per connection: `mode tcp`).
    func acquire(for request: RequestFacts, excluding: Set<Int>, balancer: LoopBalancer, on loop: EventLoop) -> EventLoopFuture<Int> {
        switch tryAcquire(for: request, excluding: excluding, balancer: balancer) {
        case .server(let server): return loop.makeSucceededFuture(server)
        case .noServer: return loop.makeFailedFuture(ServerAcquisitionError.noServer)
        case .full(let chosen): return enqueue(chosen: chosen, excluding: excluding, balancer: balancer, on: loop)
        }
    }

    /// Takes one given server (the one persistence asks for) if it has room; false otherwise.
    func tryAcquire(server index: Int) -> Bool { servers[index].claim() }

    /// Ends a request on a server; a place freed while requests wait goes to the queue.
    func release(_ index: Int) {
        servers[index].release()
        guard waiting.load(ordering: .sequentiallyConsistent) > 0 else { return }
        let handoffs = state.withLockedValue { dispatchQueued(&$0) }
        for (promise, server) in handoffs { promise.succeed(server) }
    }

    private func removeWaiter(_ id: UInt64) -> Bool {
        state.withLockedValue { state in
            if let position = state.backendQueue.firstIndex(where: { $0.id == id }) {
                state.backendQueue.remove(at: position)
                waiting.wrappingDecrement(ordering: .sequentiallyConsistent)
                return true
            }
            for server in state.serverQueues.indices {
                if let position = state.serverQueues[server].firstIndex(where: { $0.id == id }) {
                    state.serverQueues[server].remove(at: position)
                    waiting.wrappingDecrement(ordering: .sequentiallyConsistent)
                    return true
                }
            }
            return false
        }
    }

    /// Gives free places to waiting requests, under the lock: a server's own queue first, then the backend's.
    func dispatchQueued(_ state: inout Mutable) -> [(EventLoopPromise<Int>, Int)] {
        var handoffs: [(EventLoopPromise<Int>, Int)] = []
        for index in plan.servers.indices where servers[index].takesQueued {
            while true {
                let own = !state.serverQueues[index].isEmpty
                guard own || (!state.backendQueue.isEmpty && !plan.servers[index].backup), servers[index].claim() else { break }
                let waiter = own ? state.serverQueues[index].removeFirst() : state.backendQueue.removeFirst()
                waiting.wrappingDecrement(ordering: .sequentiallyConsistent)
                handoffs.append((waiter.promise, index))
            }
        }
        return handoffs
    }
}
