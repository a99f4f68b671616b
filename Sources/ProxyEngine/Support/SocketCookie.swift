#if canImport(Glibc)
import Glibc
#endif
import NIOCore

/// Linux's socket cookie (SO_COOKIE), a number unique to each socket: the
/// way to find the descriptor behind a NIO channel, which NIO keeps to itself.
enum SocketCookie {
    /// Linux's SO_COOKIE.
    static let option: Int32 = 57

    /// The cookie of `channel`'s socket, delivered on `loop`.
    static func of(_ channel: Channel, on loop: EventLoop) -> EventLoopFuture<UInt64> {
        guard let provider = channel as? SocketOptionProvider else {
            return loop.makeFailedFuture(ChannelError.operationUnsupported)
        }
        let cookie: EventLoopFuture<UInt64> = provider.unsafeGetSocketOption(level: SocketOptionLevel(SOL_SOCKET),
                                                                             name: SocketOptionName(option))
        return cookie.hop(to: loop)
    }

    /// The descriptors of this process whose sockets have these cookies. It
    /// asks every descriptor number up to the limit (there is no /proc in a
    /// chroot, and none readable once the user has changed), stopping once all are found.
    static func descriptors(for cookies: Set<UInt64>) -> [UInt64: Int32] {
        var limit = rlimit()
        getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
        let highest = Int32(clamping: min(limit.rlim_cur, rlim_t(Int32.max)))
        var found: [UInt64: Int32] = [:]
        var descriptor: Int32 = 0
        while descriptor < highest, found.count < cookies.count {
            var cookie: UInt64 = 0
            var length = socklen_t(MemoryLayout<UInt64>.size)
            if getsockopt(descriptor, SOL_SOCKET, option, &cookie, &length) == 0, cookies.contains(cookie) {
                found[cookie] = descriptor
            }
            descriptor += 1
        }
        return found
    }
}
