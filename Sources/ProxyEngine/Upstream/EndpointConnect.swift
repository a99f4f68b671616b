import NIOCore
import NIOPosix
import RuntimePlan

extension ClientBootstrap {
    /// Connects to a server in any of its forms: IP address or host name with a port, Unix socket
    /// path, abstract name. `loop` carries the failure when the address cannot be built.
    func connect(to endpoint: SocketEndpoint, on loop: EventLoop) -> EventLoopFuture<Channel> {
        do {
            switch endpoint {
            case .inet(let host, let port): return connect(host: host, port: port)
            case .unix(let path): return connect(to: try UnixSocketAddress.path(path))
            case .abstract(let name): return connect(to: try UnixSocketAddress.abstract(name))
            case .inetClientPort: throw EndpointError.portUnknown(endpoint)
            case .inherited: throw EndpointError.notConnectable(endpoint)
            }
        } catch {
            return loop.makeFailedFuture(error)
        }
    }
}

/// Why the engine cannot connect to an endpoint.
enum EndpointError: Error, CustomStringConvertible {
    /// A server without a port, asked for outside a client connection (a health check without `port`).
    case portUnknown(SocketEndpoint)
    /// An inherited descriptor is a listener, never a server.
    case notConnectable(SocketEndpoint)

    var description: String {
        switch self {
        case .portUnknown(let endpoint): "server \(endpoint) has neither service port nor check port"
        case .notConnectable(let endpoint): "cannot connect to \(endpoint)"
        }
    }
}
