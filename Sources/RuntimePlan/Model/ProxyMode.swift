/// How a proxy treats its traffic: HTTP messages or an opaque byte stream.
public enum ProxyMode: String, Sendable, Hashable, Codable {
    case http, tcp
}

/// A listening address of a frontend.
public struct ListenAddress: Sendable, Hashable, Codable, CustomStringConvertible {
    public var endpoint: SocketEndpoint
    /// TLS termination when the `bind` line says `ssl`, nil for clear text.
    public var tls: BindTLS?
    /// Owner and permissions of the socket file; only for `unix` endpoints, nil when unchanged.
    public var fileAccess: SocketFileAccess?

    public init(endpoint: SocketEndpoint, tls: BindTLS? = nil, fileAccess: SocketFileAccess? = nil) {
        self.endpoint = endpoint
        self.tls = tls
        self.fileAccess = fileAccess
    }

    /// An IP listener.
    public init(host: String, port: Int, tls: BindTLS? = nil) {
        self.init(endpoint: .inet(host: host, port: port), tls: tls)
    }

    public var description: String { endpoint.description }
}
