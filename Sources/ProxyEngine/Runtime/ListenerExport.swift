#if canImport(Glibc)
import Glibc
#endif
import Dispatch
import NIOConcurrencyHelpers
import NIOCore

/// The old process's half of a seamless reload: `_getsocks` on a
/// `stats socket … expose-fd listeners` sends the listening sockets this
/// process bound (frontends and Unix stats sockets, not `fd@N` ones it
/// inherited), as HAProxy's `_getsocks`: the count as a native `int`, then
/// batches of at most 253 descriptors over SCM_RIGHTS, each described by
/// `u8 0, u8 0, u32 0` (no namespace, no interface), waiting for the
/// receiver's `int` after each full batch. The descriptors are found from
/// the channels' socket cookies, as NIO does not show them.
final class ListenerExport: Sendable {
    private let channels = NIOLockedValueBox<[Channel]>([])

    /// Adds a listener whose socket a new process may take.
    func add(_ channel: Channel) {
        channels.withLockedValue { $0.append(channel) }
    }

    /// Sends the sockets to the client of `session`, then closes it. A
    /// socket without `expose-fd listeners` sends nothing and closes, as HAProxy's.
    func send(to session: Channel) -> EventLoopFuture<Void> {
        let listeners = channels.withLockedValue { $0 }.filter(\.isActive)
        let loop = session.eventLoop
        let cookies = ([session] + listeners).map { SocketCookie.of($0, on: loop) }
        return session.setOption(ChannelOptions.autoRead, value: false)
            .flatMap { EventLoopFuture.whenAllSucceed(cookies, on: loop) }
            .flatMap { found -> EventLoopFuture<Void> in
                let promise = loop.makePromise(of: Void.self)
                DispatchQueue.global().async {
                    let descriptors = SocketCookie.descriptors(for: Set(found))
                    if let client = descriptors[found[0]] {
                        let exported = found.dropFirst().compactMap { descriptors[$0] }.sorted()
                        if Self.transfer(exported, over: client) {
                            // The new process holds the same sockets and their queues: this one stops accepting
                            // from them now, so that two processes never accept from one socket.
                            for listener in listeners { listener.close(promise: nil) }
                        }
                    }
                    promise.succeed()
                }
                return promise.futureResult
            }
            .flatMap { session.close() }
    }

    /// HAProxy's `_getsocks` on the client's descriptor, made blocking for the transfer (NIO is not reading it).
    /// Whether every descriptor was sent.
    @discardableResult
    static func transfer(_ descriptors: [Int32], over client: Int32) -> Bool {
        let flags = fcntl(client, F_GETFL)
        guard flags >= 0, fcntl(client, F_SETFL, flags & ~O_NONBLOCK) == 0 else { return false }
        defer { _ = fcntl(client, F_SETFL, flags) }
        var timeout = timeval(tv_sec: 1, tv_usec: 0)
        setsockopt(client, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(client, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        guard !descriptors.isEmpty else { return false }
        var count = Int32(descriptors.count)
        guard Glibc.send(client, &count, MemoryLayout<Int32>.size, Int32(MSG_NOSIGNAL)) == MemoryLayout<Int32>.size else { return false }
        let batches = stride(from: 0, to: descriptors.count, by: ListenerTransferClient.batchSize).map {
            Array(descriptors[$0..<min($0 + ListenerTransferClient.batchSize, descriptors.count)])
        }
        for (index, batch) in batches.enumerated() {
            guard sendBatch(batch, over: client) else { return false }
            // The receiver acknowledges each batch; the last one is not waited for.
            if index < batches.count - 1 {
                var acknowledgement: Int32 = 0
                guard recv(client, &acknowledgement, MemoryLayout<Int32>.size, 0) > 0 else { return false }
            }
        }
        return true
    }

    private static func sendBatch(_ batch: [Int32], over client: Int32) -> Bool {
        // Each descriptor: no namespace (0), no interface (0), 32 bits of zeros.
        var bytes = [UInt8](repeating: 0, count: batch.count * 6)
        let capacity = ControlMessages.space(batch.count * MemoryLayout<Int32>.size)
        let control = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: MemoryLayout<cmsghdr>.alignment)
        defer { control.deallocate() }
        control.initializeMemory(as: UInt8.self, repeating: 0, count: capacity)
        let controlLength = ControlMessages.writeRights(batch, to: control)
        let sent: Int = bytes.withUnsafeMutableBytes { buffer in
            var vector = iovec(iov_base: buffer.baseAddress, iov_len: buffer.count)
            return withUnsafeMutablePointer(to: &vector) { vectorPointer in
                var message = msghdr()
                message.msg_iov = vectorPointer
                message.msg_iovlen = 1
                message.msg_control = control
                message.msg_controllen = controlLength
                return sendmsg(client, &message, Int32(MSG_NOSIGNAL))
            }
        }
        return sent == bytes.count
    }
}
