#if canImport(Glibc)
import Glibc
#endif
import NIOCore
import NIOPosix
import RuntimePlan

/// Opens the listening socket of one `bind` address with a configured
/// bootstrap, in every form HAProxy binds: IPv4 and IPv6, a Unix socket path,
/// an abstract name, a descriptor inherited from the parent process.
enum ListenerSocket {
    /// Why a listener could not be opened, with its address.
    struct OpenError: Error, CustomStringConvertible {
        let address: ListenAddress
        let reason: String
        /// The system call's error behind it, when there is one.
        var systemError: IOError?
        var description: String { "cannot bind \(address): \(reason)" }
    }

    /// SO_REUSEPORT, which NIO does not name.
    static let reusePort = NIOBSDSocket.Option(rawValue: SO_REUSEPORT)

    /// Whether the listener is an IPv4 or IPv6 socket (an inherited one is asked for its domain).
    static func isIP(_ address: ListenAddress) -> Bool {
        guard case .inherited(let descriptor) = address.endpoint else { return address.endpoint.isIP }
        var domain: Int32 = 0
        var length = socklen_t(MemoryLayout<Int32>.size)
        guard getsockopt(Int32(descriptor), SOL_SOCKET, SO_DOMAIN, &domain, &length) == 0 else { return false }
        return domain == AF_INET || domain == AF_INET6
    }

    /// Opens the listener, or takes the socket a new process received for its address (`received`, `-x`).
    static func open(_ address: ListenAddress, with bootstrap: ServerBootstrap, received: ReceivedListeners? = nil) async throws -> Channel {
        do {
            if let descriptor = received?.take(address.endpoint) {
                return try await bootstrap.withBoundSocket(descriptor).get()
            }
            switch address.endpoint {
            case .inet(let host, let port):
                return try await bootstrap.bind(host: host, port: port).get()
            case .unix(let path):
                return try await openFile(path, access: address.fileAccess ?? SocketFileAccess(), bootstrap)
            case .abstract(let name):
                return try await bootstrap.bind(to: UnixSocketAddress.abstract(name)).get()
            case .inherited(let descriptor):
                let handle = try InheritedSocket.listenable(descriptor)
                return try await bootstrap.withBoundSocket(handle).get()
            case .inetClientPort:
                throw OpenError(address: address, reason: "a listener needs a port")
            }
        } catch let error as OpenError {
            throw error
        } catch {
            throw OpenError(address: address, reason: "\(error)", systemError: error as? IOError)
        }
    }

    /// As HAProxy does: binds a temporary name beside the path, gives it its
    /// owner and mode, then renames it over the path, so that the socket
    /// never appears with the wrong permissions and a running listener on
    /// that path is replaced at once.
    private static func openFile(_ path: String, access: SocketFileAccess, _ bootstrap: ServerBootstrap) async throws -> Channel {
        let temporary = "\(path).\(getpid()).tmp"
        unlink(temporary)
        let channel = try await bootstrap.bind(to: UnixSocketAddress.path(temporary)).get()
        do {
            try SocketFilePermissions.apply(access, to: temporary)
            guard rename(temporary, path) == 0 else { throw SocketFilePermissions.Failure(call: "rename to \(path)", errno: errno) }
            return channel
        } catch {
            unlink(temporary)
            try? await channel.close()
            throw error
        }
    }

    /// How events name a listener: its address, with the port the kernel chose for port 0 and
    /// what an inherited socket is bound to.
    static func describe(_ channel: Channel, _ address: ListenAddress) -> String {
        switch address.endpoint {
        case .inet(let host, let port):
            return channel.localAddress.map { "\($0.ipAddress ?? host):\($0.port ?? port)" } ?? "\(address)"
        case .inherited:
            return channel.localAddress.map { local in
                "\(address) (" + (local.ipAddress.map { "\($0):\(local.port ?? 0)" } ?? local.pathname ?? "unix") + ")"
            } ?? "\(address)"
        case .unix, .abstract, .inetClientPort:
            return "\(address)"
        }
    }
}

/// Checks that an inherited descriptor is a stream socket before NIO takes it
/// over, with HAProxy's message when it is not.
enum InheritedSocket {
    struct Unusable: Error, CustomStringConvertible {
        let descriptor: Int
        let reason: String
        var description: String { "cannot use file descriptor '\(descriptor)' : \(reason)" }
    }

    static func listenable(_ descriptor: Int) throws -> NIOBSDSocket.Handle {
        guard let handle = Int32(exactly: descriptor) else { throw Unusable(descriptor: descriptor, reason: "out of range") }
        var type: Int32 = 0
        var length = socklen_t(MemoryLayout<Int32>.size)
        guard getsockopt(handle, SOL_SOCKET, SO_TYPE, &type, &length) == 0 else {
            throw Unusable(descriptor: descriptor, reason: String(cString: strerror(errno)))
        }
        guard type == Int32(SOCK_STREAM.rawValue) else { throw Unusable(descriptor: descriptor, reason: "not a stream socket") }
        return handle
    }
}
