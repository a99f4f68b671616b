/// How a proxy treats its traffic: HTTP messages or an opaque byte stream.
public enum ProxyMode: String, Sendable, Hashable, Codable {
    case http, tcp
}

/// A listening address of a frontend.
public struct ListenAddress: Sendable, Hashable, Codable, CustomStringConvertible {
    public var endpoint: SocketEndpoint
    /// Whether the `bind` line asked for TLS (`ssl`), which the engine does not terminate yet.
    public var tls: Bool
    /// Owner and permissions of the socket file; only for `unix` endpoints, nil when unchanged.
    public var fileAccess: SocketFileAccess?

    public init(endpoint: SocketEndpoint, tls: Bool = false, fileAccess: SocketFileAccess? = nil) {
        self.endpoint = endpoint
        self.tls = tls
        self.fileAccess = fileAccess
    }

    /// An IP listener.
    public init(host: String, port: Int, tls: Bool = false) {
        self.init(endpoint: .inet(host: host, port: port), tls: tls)
    }

    public var description: String { endpoint.description }
}
