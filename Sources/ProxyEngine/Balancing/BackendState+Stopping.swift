import NIOCore

extension BackendState {
    /// `http-check disable-on-404`: puts a server in HAProxy's NOLB state (up, no new load-balanced traffic, as a
    /// drain) or takes it out; a server leaving it takes queued requests.
    func setStopping(_ index: Int, _ stopping: Bool) {
        guard servers[index].stopping.load(ordering: .relaxed) != stopping else { return }
        let handoffs = withState { state -> [(EventLoopPromise<Int>, Int)] in
            servers[index].stopping.store(stopping, ordering: .sequentiallyConsistent)
            generation.wrappingIncrement(ordering: .releasing)
            return dispatchQueued(&state)
        }
        for (promise, server) in handoffs { promise.succeed(server) }
    }
}
