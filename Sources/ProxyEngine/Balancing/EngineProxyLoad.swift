import RuntimePlan

/// The live counts behind `fe_conn`, `be_conn` and `srv_conn`: the client connections each frontend holds
/// (the connection tracker's count), and per backend the requests holding a server's place or waiting in one
/// of its queues.
struct EngineProxyLoad: ProxyLoad {
    let engine: EngineContext

    func frontendConnections(_ frontend: String) -> Int? {
        guard engine.plan.frontends.contains(where: { $0.name == frontend }) else { return nil }
        return engine.connections.openCount(frontend: frontend)
    }

    func backendConnections(_ backend: String) -> Int? {
        guard let index = engine.router.position(of: backend) else { return nil }
        let state = engine.backends[index]
        let placed = state.servers.indices.reduce(0) { $0 + state.active($1) }
        return placed + state.withState { $0.backendQueue.count + $0.serverQueues.reduce(0) { $0 + $1.count } }
    }

    func serverConnections(backend: String, server: String) -> Int? {
        guard let index = engine.router.position(of: backend),
              let position = engine.plan.backends[index].servers.firstIndex(where: { $0.name == server }) else { return nil }
        return engine.backends[index].active(position)
    }
}
