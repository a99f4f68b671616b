/// Something the engine reports: the engine never prints, its owner decides
/// where these go (`weir run` writes them to standard error).
public enum EngineEvent: Sendable, Hashable, CustomStringConvertible {
    case listening(frontend: String, address: String)
    case serverUp(backend: String, server: String, reason: String)
    case serverDown(backend: String, server: String, reason: String)
    case warning(String)
    case stopping
    /// A frontend's listeners are closed on a stop, with the connections it accepted since start.
    case proxyStopped(frontend: String, connections: Int)
    /// `hard-stop-after` expired (or a hard stop was asked for): the connections still open are closed.
    case hardStop(closing: Int)
    case stopped

    public var description: String {
        switch self {
        case .listening(let frontend, let address): "frontend \(frontend) listening on \(address)"
        case .serverUp(let backend, let server, let reason): "Server \(backend)/\(server) is UP, reason: \(reason)"
        case .serverDown(let backend, let server, let reason): "Server \(backend)/\(server) is DOWN, reason: \(reason)"
        case .warning(let message): "warning: \(message)"
        case .stopping: "stopping: no new connections, finishing requests in flight"
        case .proxyStopped(let frontend, let connections): "Proxy \(frontend) stopped (cumulated conns: FE: \(connections))."
        case .hardStop(let closing): "hard stop: closing \(closing) connection\(closing == 1 ? "" : "s") still open"
        case .stopped: "stopped"
        }
    }
}

/// Receives engine events; called from any thread.
public typealias EngineEventSink = @Sendable (EngineEvent) -> Void
