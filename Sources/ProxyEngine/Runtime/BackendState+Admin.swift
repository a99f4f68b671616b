import Atomics
import NIOCore
import RuntimePlan

/// The runtime API's and the stats page's view of a backend's servers, and
/// the administrative changes they make (under the backend's lock, off the request path; the flags the
/// balancers read are mirrored in each server's `ServerSlot`).
extension BackendState {
    /// Every server's state now, in plan order.
    func snapshot() -> [ServerSnapshot] {
        withState { state in
            plan.servers.indices.map { index in
                var runtime = state.runtime[index]
                runtime.peakActive = servers[index].peakActive.load(ordering: .relaxed)
                return ServerSnapshot(up: isUp(index), active: active(index), queued: state.serverQueues[index].count, runtime: runtime,
                                      stopping: servers[index].stopping.load(ordering: .relaxed))
            }
        }
    }

    /// Requests waiting for any server of the backend.
    var backendQueueLength: Int { withState { $0.backendQueue.count } }

    /// Applies an administrative change; a server leaving maintenance or drain takes queued requests.
    func apply(_ action: ServerAdminAction, to index: Int) {
        let handoffs = withState { state -> [(EventLoopPromise<Int>, Int)] in
            var runtime = state.runtime[index]
            switch action {
            case .ready: runtime.maintenance = false; runtime.draining = false
            case .drain: runtime.maintenance = false; runtime.draining = true
            case .maint: runtime.maintenance = true; runtime.draining = false
            case .enableChecks: runtime.checksEnabled = true
            case .disableChecks: runtime.checksEnabled = false
            case .weight(let weight): runtime.weight = weight
            case .address(let address): runtime.address = address
            }
            if runtime.maintenance != state.runtime[index].maintenance || runtime.draining != state.runtime[index].draining {
                runtime.lastChange = .now()
            }
            state.runtime[index] = runtime
            let slot = servers[index]
            slot.draining.store(runtime.draining, ordering: .sequentiallyConsistent)
            slot.maintenance.store(runtime.maintenance, ordering: .sequentiallyConsistent)
            slot.weight.store(runtime.weight, ordering: .sequentiallyConsistent)
            generation.wrappingIncrement(ordering: .releasing)
            return dispatchQueued(&state)
        }
        for (promise, server) in handoffs { promise.succeed(server) }
    }

    /// Where a server is reached now: the configured address unless `set server … addr` changed it.
    func address(_ index: Int) -> SocketEndpoint {
        withState { $0.runtime[index].address } ?? plan.servers[index].address
    }

    /// Whether the health checks of a server run now (not paused, not in maintenance).
    func checksRun(_ index: Int) -> Bool {
        withState { $0.runtime[index].checksEnabled && !$0.runtime[index].maintenance }
    }

    /// Records one health-check result (`check_status`, `check_duration`, `chkfail`); true when the status changed.
    @discardableResult
    func noteCheck(_ index: Int, status: String, description: String, failed: Bool, durationMs: Int) -> Bool {
        withState { state in
            let changed = state.runtime[index].checkStatus != status
            state.runtime[index].checkStatus = status
            state.runtime[index].checkDurationMs = durationMs
            state.runtime[index].checkDescription = description
            if failed { state.runtime[index].failedChecks += 1 }
            return changed
        }
    }

    /// The server's weight now (`set server … weight`): a server at 0 reports DRAIN.
    func runtimeWeight(_ index: Int) -> Int { withState { $0.runtime[index].weight } }

    /// Updates the time of the last change and the downtime when the server goes up or down.
    static func noteTransition(_ runtime: inout ServerRuntimeState, up: Bool) {
        let now = NIODeadline.now()
        runtime.lastChange = now
        if up, let since = runtime.downSince {
            runtime.downtimeSeconds += (now - since).nanoseconds / 1_000_000_000
            runtime.downSince = nil
        } else if !up, runtime.downSince == nil {
            runtime.downSince = now
            runtime.downTransitions += 1
        }
    }
}
