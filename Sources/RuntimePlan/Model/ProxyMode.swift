/// How a proxy treats its traffic: HTTP messages or an opaque byte stream.
public enum ProxyMode: String, Sendable, Hashable, Codable {
    case http, tcp
}

/// A listening address of a frontend.
public struct ListenAddress: Sendable, Hashable, Codable, CustomStringConvertible {
    /// An IPv4 or IPv6 literal; `0.0.0.0` or `::` for any.
    public var host: String
    public var port: Int
    /// Whether the `bind` line asked for TLS (`ssl`), which the engine does not terminate yet.
    public var tls: Bool

    public init(host: String, port: Int, tls: Bool = false) {
        self.host = host
        self.port = port
        self.tls = tls
    }

    public var description: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }
}
