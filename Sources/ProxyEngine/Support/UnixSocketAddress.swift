#if canImport(Glibc)
import Glibc
#endif
import NIOCore

/// Builds the `sockaddr_un` of a Unix socket, in the file system or in
/// Linux's abstract namespace. NIO passes the whole structure to bind(2) and
/// connect(2), so an abstract name is padded with NUL bytes to the end of
/// `sun_path`, exactly as HAProxy 2.6 writes `abns@` addresses: a weir
/// listener and an HAProxy server line (or the reverse) reach each other.
enum UnixSocketAddress {
    /// Why a path or name does not fit in a Unix socket address.
    struct TooLong: Error, CustomStringConvertible {
        let text: String
        let limit: Int
        var description: String { "'\(text)' is too long for a Unix socket (at most \(limit) bytes)" }
    }

    /// The longest path: `sun_path` less its final NUL.
    static let maximumPathBytes = MemoryLayout.size(ofValue: sockaddr_un().sun_path) - 1

    static func path(_ path: String) throws -> SocketAddress {
        try make(prefix: [], path)
    }

    static func abstract(_ name: String) throws -> SocketAddress {
        try make(prefix: [0], name)
    }

    private static func make(prefix: [UInt8], _ text: String) throws -> SocketAddress {
        let bytes = prefix + Array(text.utf8)
        guard bytes.count <= maximumPathBytes else { throw TooLong(text: text, limit: maximumPathBytes - prefix.count) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: bytes) }
        return SocketAddress(address)
    }
}
