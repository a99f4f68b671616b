#if canImport(Glibc)
import Glibc
#endif
import NIOConcurrencyHelpers
import RuntimePlan

/// The listening sockets a new process took from the old one over its
/// stats socket (`-x`, HAProxy's `_getsocks`). Each bind whose address
/// matches one of them reuses it instead of binding a new socket, so that the
/// kernel's accept queue is never closed during a reload; the ones no bind
/// asked for are closed once the engine is bound, as HAProxy drops them.
public final class ReceivedListeners: Sendable {
    /// One received socket and the address it is bound to.
    public struct Socket: Sendable, Equatable {
        public let descriptor: Int32
        /// `AF_INET`, `AF_INET6` or `AF_UNIX`.
        public let family: Int32
        /// The IP address as text (IP sockets).
        public let host: String?
        public let port: Int?
        /// The path of a Unix socket; an abstract name starts with a NUL.
        public let path: String?
    }

    private let remaining: NIOLockedValueBox<[Socket]>

    public init(_ sockets: [Socket]) {
        remaining = NIOLockedValueBox(sockets)
    }

    /// The sockets not taken yet.
    public var sockets: [Socket] { remaining.withLockedValue { $0 } }

    /// Takes the socket bound to `endpoint`, if one was received; nil for an
    /// endpoint that is not a bound address (`fd@N`, a port range's client port).
    func take(_ endpoint: SocketEndpoint) -> Int32? {
        remaining.withLockedValue { sockets in
            guard let index = sockets.firstIndex(where: { Self.matches($0, endpoint) }) else { return nil }
            return sockets.remove(at: index).descriptor
        }
    }

    /// Closes every socket no bind took.
    func closeUnused() {
        for socket in remaining.withLockedValue({ taken in defer { taken = [] }; return taken }) { close(socket.descriptor) }
    }

    static func matches(_ socket: Socket, _ endpoint: SocketEndpoint) -> Bool {
        switch endpoint {
        case .inet(let host, let port):
            guard socket.family == AF_INET || socket.family == AF_INET6, socket.port == port, let received = socket.host else { return false }
            return SocketNames.numeric(host) == received
        case .unix(let path):
            return socket.family == AF_UNIX && socket.path.map { Self.samePath($0, path) } == true
        case .abstract(let name):
            return socket.family == AF_UNIX && socket.path == "\0" + name
        case .inherited, .inetClientPort:
            return false
        }
    }

    /// As HAProxy's `sock_unix_addrcmp`: a path bound under its temporary
    /// name (`PATH.PID.tmp`, renamed over `PATH` after binding) is `PATH`.
    static func samePath(_ bound: String, _ wanted: String) -> Bool {
        bound == wanted || temporaryBase(bound) == wanted
    }

    private static func temporaryBase(_ path: String) -> String? {
        guard path.hasSuffix(".tmp") else { return nil }
        let stem = path.dropLast(4)
        guard let dot = stem.lastIndex(of: "."), stem[stem.index(after: dot)...].allSatisfy(\.isNumber),
              stem.index(after: dot) < stem.endIndex else { return nil }
        return String(stem[..<dot])
    }
}
