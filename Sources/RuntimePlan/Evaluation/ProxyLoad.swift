/// The live connection counts that `fe_conn`, `be_conn` and `srv_conn` read. The engine implements it over its
/// counters; `weir route` has none, so there these fetches fail.
public protocol ProxyLoad: Sendable {
    /// The client connections a frontend holds open (HAProxy's `feconn`); nil for an unknown name.
    func frontendConnections(_ frontend: String) -> Int?
    /// The requests assigned to a backend that have not ended (HAProxy's `beconn`), not counting the asking
    /// one; nil for an unknown name.
    func backendConnections(_ backend: String) -> Int?
    /// The requests a server is handling (HAProxy's `cur_sess`); nil for an unknown backend or server.
    func serverConnections(backend: String, server: String) -> Int?
}

/// The live counts carried in `RequestFacts`; like `StickCounterHandle`, equal to any other handle.
public struct ProxyLoadHandle: Sendable, Hashable {
    public let load: any ProxyLoad

    public init(_ load: any ProxyLoad) { self.load = load }

    public static func == (left: ProxyLoadHandle, right: ProxyLoadHandle) -> Bool { true }
    public func hash(into hasher: inout Hasher) {}
}

extension SampleFetcher {
    /// `fe_conn([FRONTEND])`, `be_conn([BACKEND])`, `srv_conn([BACKEND/]SERVER)`: without a name, the frontend
    /// or backend handling the request. The asking request counts in `be_conn` once a backend was chosen for it.
    static func connectionCount(_ fetch: Fetch, _ facts: RequestFacts) -> [Sample] {
        guard let load = facts.load?.load else { return [] }
        let argument = fetch.arguments.first.flatMap { $0.isEmpty ? nil : $0 }
        let count: Int?
        switch fetch.name {
        case .frontendConnections:
            count = (argument ?? facts.frontendName).flatMap { load.frontendConnections($0) }
        case .backendConnections:
            let name = argument ?? facts.backendName ?? facts.frontendName
            count = name.flatMap { name in load.backendConnections(name).map { $0 + (name == facts.backendName ? 1 : 0) } }
        default:
            guard let argument else { return [] }
            let parts = argument.split(separator: "/", maxSplits: 1).map(String.init)
            let backend = parts.count == 2 ? parts[0] : facts.backendName ?? facts.frontendName
            count = backend.flatMap { load.serverConnections(backend: $0, server: parts.last ?? "") }
        }
        return count.map { [.integer(Int64($0))] } ?? []
    }
}
