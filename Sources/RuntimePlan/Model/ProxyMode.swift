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
    /// `proto h1|h2|none`: the protocol every connection speaks, nil when the engine tells it from
    /// the traffic (HTTP/2 by its preface or ALPN, else HTTP/1).
    public var proto: MuxProtocol?
    /// The `bind` line's `backlog` option: the socket's listen queue, over the frontend's.
    public var backlog: Int?
    /// The `bind` line's `name` option, what `so_name` returns.
    public var name: String?

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

/// A `bind` line's `proto`: the protocol forced on its connections (HAProxy's MUX protocols).
public enum MuxProtocol: String, Sendable, Hashable, Codable {
    /// HTTP/1 only: the HTTP/2 preface is an invalid request (400) and ALPN `h2` is not followed.
    case h1
    /// HTTP/2 only, in clear or over TLS whatever ALPN chose: a connection that does not start with the preface is closed.
    case h2
    /// `mode tcp`'s byte relay (what a `mode tcp` bind does anyway).
    case none
}
