import Atomics
import RuntimePlan

/// The state of one server that every event loop reads and changes without a
/// lock: the requests it handles now (bounded by its `maxconn`), the most it
/// had at once, and what decides whether the balancer may give it traffic
/// (health, drain, maintenance, run-time weight). The administrative side
/// (`BackendState+Admin`) writes the flags, then bumps the backend's
/// generation so each event loop's `LoopBalancer` rereads them.
final class ServerSlot: Sendable {
    /// The server's `maxconn`; nil: no limit.
    let maxconn: Int?
    let active = ManagedAtomic<Int>(0)
    let peakActive = ManagedAtomic<Int>(0)
    let up = ManagedAtomic<Bool>(true)
    let draining = ManagedAtomic<Bool>(false)
    /// Set by `http-check disable-on-404` (HAProxy's NOLB): up, but no new load-balanced traffic, as in a drain.
    let stopping = ManagedAtomic<Bool>(false)
    let maintenance: ManagedAtomic<Bool>
    let weight: ManagedAtomic<Int>

    init(_ server: ServerPlan) {
        maxconn = server.maxconn
        maintenance = ManagedAtomic(server.maintenance)
        weight = ManagedAtomic(server.weight)
    }

    /// Whether queued requests may be handed to the server (up, neither draining, stopping nor in maintenance).
    var takesQueued: Bool {
        up.load(ordering: .relaxed) && !draining.load(ordering: .relaxed) && !stopping.load(ordering: .relaxed)
            && !maintenance.load(ordering: .relaxed)
    }

    /// Takes a place on the server if it is below its `maxconn`.
    func claim() -> Bool {
        guard let maxconn else {
            notePeak(active.wrappingIncrementThenLoad(ordering: .sequentiallyConsistent))
            return true
        }
        var current = active.load(ordering: .sequentiallyConsistent)
        while current < maxconn {
            let (exchanged, found) = active.weakCompareExchange(expected: current, desired: current + 1,
                                                               ordering: .sequentiallyConsistent)
            if exchanged {
                notePeak(current + 1)
                return true
            }
            current = found
        }
        return false
    }

    /// Gives a place back.
    func release() { active.wrappingDecrement(ordering: .sequentiallyConsistent) }

    private func notePeak(_ value: Int) {
        var peak = peakActive.load(ordering: .relaxed)
        while value > peak {
            let (exchanged, found) = peakActive.weakCompareExchange(expected: peak, desired: value, ordering: .relaxed)
            if exchanged { return }
            peak = found
        }
    }
}
