/// Where a socket listens or connects, in every form HAProxy accepts that
/// Linux can open: an IP address with a port, a path in the file system, a
/// name in Linux's abstract namespace, or a descriptor the process inherited.
public enum SocketEndpoint: Sendable, Hashable, Codable, CustomStringConvertible {
    /// An IPv4 or IPv6 literal (`0.0.0.0` or `::` for any) or, for a server, a host name; with a port.
    case inet(host: String, port: Int)
    /// A server written without a port (`10.0.0.1`) or with an offset (`10.0.0.1:+1000`): the port
    /// the client connected to, plus `offset`.
    case inetClientPort(host: String, offset: Int)
    /// `unix@PATH` or a path starting with `/`: a Unix socket in the file system.
    case unix(path: String)
    /// `abns@NAME`: a Unix socket in Linux's abstract namespace. As HAProxy 2.6 does, the
    /// name fills the whole address, padded with NUL bytes (so HAProxy's `abns@` peers reach it).
    case abstract(name: String)
    /// `fd@N`: a listening socket inherited from the parent process (systemd, a test harness).
    case inherited(descriptor: Int)

    /// The address as HAProxy writes it: `127.0.0.1:80`, `[::1]:80`, `unix@/run/a.sock`, `abns@name`, `fd@3`.
    public var description: String {
        switch self {
        case .inet(let host, let port): host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
        case .inetClientPort(let host, let offset):
            (host.contains(":") ? "[\(host)]" : host) + (offset == 0 ? "" : offset > 0 ? ":+\(offset)" : ":\(offset)")
        case .unix(let path): "unix@\(path)"
        case .abstract(let name): "abns@\(name)"
        case .inherited(let descriptor): "fd@\(descriptor)"
        }
    }

    /// Whether the address is an IP one (TCP options apply); an inherited descriptor's family is not known here.
    public var isIP: Bool {
        switch self {
        case .inet, .inetClientPort: true
        case .unix, .abstract, .inherited: false
        }
    }

    /// The host of an IP endpoint.
    public var inetHost: String? {
        switch self {
        case .inet(let host, _), .inetClientPort(let host, _): host
        case .unix, .abstract, .inherited: nil
        }
    }

    /// Where to connect for a client that connected to `destinationPort` (nil: not over IP, taken as 0).
    public func forClient(destinationPort: Int?) -> SocketEndpoint {
        guard case .inetClientPort(let host, let offset) = self else { return self }
        return .inet(host: host, port: ((destinationPort ?? 0) + offset) & 0xFFFF)
    }

    /// The port of an IP endpoint.
    public var inetPort: Int? {
        if case .inet(_, let port) = self { return port }
        return nil
    }
}

/// Who owns the file of a Unix socket and who may use it: the `bind` options
/// `mode`, `uid`, `user`, `gid`, `group`, over the defaults of `unix-bind`.
public struct SocketFileAccess: Sendable, Hashable, Codable {
    /// A user or group, by number or by name (looked up when the socket is created).
    public enum Account: Sendable, Hashable, Codable, CustomStringConvertible {
        case id(Int)
        case name(String)

        public var description: String {
            switch self {
            case .id(let number): String(number)
            case .name(let name): name
            }
        }
    }

    /// Permission bits (`mode 600` is octal, as in chmod); nil keeps what the umask gives.
    public var mode: Int?
    public var owner: Account?
    public var group: Account?

    public init(mode: Int? = nil, owner: Account? = nil, group: Account? = nil) {
        self.mode = mode
        self.owner = owner
        self.group = group
    }

    /// Whether nothing is to be changed.
    public var isEmpty: Bool { mode == nil && owner == nil && group == nil }
}
