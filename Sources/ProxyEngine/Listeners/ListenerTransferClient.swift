#if canImport(Glibc)
import Glibc
#endif
import NIOCore

/// The new process's half of a seamless reload (`-x SOCKET`), as HAProxy's
/// `sock_get_old_sockets`: it connects to the old process's stats socket,
/// sends `_getsocks`, reads the number of descriptors (a native `int`), then
/// receives them over SCM_RIGHTS in batches of at most 253, each descriptor
/// described by `u8 namespace length, namespace, u8 interface length,
/// interface, u32 0`, and acknowledges every batch with an `int`. Works with
/// a real HAProxy 2.6 as the old process as well as with weir.
public enum ListenerTransferClient {
    /// Why the sockets could not be taken, in HAProxy's words (its warning).
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    /// HAProxy's MAX_SEND_FD.
    static let batchSize = 253
    /// Per descriptor: two length bytes, a namespace name up to PATH_MAX, an interface name up to IFNAMSIZ, 4 bytes.
    static let maximumDescription = 1 + 4096 + 1 + 16 + 4

    /// Blocks (each read at most a second, as HAProxy's) until every socket has arrived.
    public static func receive(from path: String) -> Result<ReceivedListeners, Failure> {
        let connectFailure = Failure(description: "Failed to connect to the old process socket '\(path)'")
        let sock = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard sock >= 0 else { return .failure(connectFailure) }
        defer { close(sock) }
        guard let address = try? UnixSocketAddress.path(path) else { return .failure(connectFailure) }
        let connected = address.withSockAddr { connect(sock, $0, socklen_t($1)) }
        guard connected == 0 else { return .failure(connectFailure) }
        var timeout = timeval(tv_sec: 1, tv_usec: 0)
        setsockopt(sock, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        let countFailure = Failure(description: "Failed to get the number of sockets to be transferred !")
        let request = Array("_getsocks\n".utf8)
        guard send(sock, request, request.count, Int32(MSG_NOSIGNAL)) == request.count else { return .failure(countFailure) }
        var expected: Int32 = 0
        guard recv(sock, &expected, MemoryLayout<Int32>.size, Int32(MSG_WAITALL)) == MemoryLayout<Int32>.size, expected >= 0 else {
            return .failure(countFailure)
        }
        var descriptors: [Int32] = []
        var descriptions: [UInt8] = []
        while descriptors.count < expected {
            guard let batch = receiveBatch(sock) else { break }
            var acknowledgement = Int32(descriptors.count)
            _ = send(sock, &acknowledgement, MemoryLayout<Int32>.size, Int32(MSG_NOSIGNAL))
            descriptors += batch.descriptors
            descriptions += batch.bytes
            if descriptors.count > expected {
                descriptors.forEach { close($0) }
                return .failure(Failure(description: "Got to many sockets !"))
            }
        }
        guard descriptors.count == Int(expected) else {
            descriptors.forEach { close($0) }
            return .failure(Failure(description: "We didn't get the expected number of sockets (expecting \(expected) got \(descriptors.count))"))
        }
        guard descriptionsAreWhole(descriptions, count: descriptors.count) else {
            descriptors.forEach { close($0) }
            return .failure(Failure(description: "Inconsistency while transferring sockets"))
        }
        for descriptor in descriptors {
            let flags = fcntl(descriptor, F_GETFD)
            _ = fcntl(descriptor, F_SETFD, flags | FD_CLOEXEC)
        }
        return .success(ReceivedListeners(descriptors.compactMap(SocketNames.local)))
    }

    /// One `recvmsg`: the descriptors of its SCM_RIGHTS messages and its bytes; nil at the end or on an error.
    private static func receiveBatch(_ sock: Int32) -> (descriptors: [Int32], bytes: [UInt8])? {
        var bytes = [UInt8](repeating: 0, count: batchSize * maximumDescription)
        let controlLength = batchSize * MemoryLayout<Int32>.size + 64
        let control = UnsafeMutableRawPointer.allocate(byteCount: controlLength, alignment: MemoryLayout<cmsghdr>.alignment)
        defer { control.deallocate() }
        while true {
            var descriptors: [Int32] = []
            let received: Int = bytes.withUnsafeMutableBytes { buffer in
                var vector = iovec(iov_base: buffer.baseAddress, iov_len: buffer.count)
                return withUnsafeMutablePointer(to: &vector) { vectorPointer in
                    var message = msghdr()
                    message.msg_iov = vectorPointer
                    message.msg_iovlen = 1
                    message.msg_control = control
                    message.msg_controllen = controlLength
                    let count = recvmsg(sock, &message, Int32(MSG_CMSG_CLOEXEC))
                    if count > 0 { descriptors = ControlMessages.rights(in: control, length: Int(message.msg_controllen)) }
                    return count
                }
            }
            if received < 0, errno == EINTR { continue }
            guard received > 0 else { return nil }
            return (descriptors, Array(bytes.prefix(received)))
        }
    }

    /// Each descriptor's description is `u8 n, n bytes, u8 m, m bytes, 4 bytes`; the whole must be consumed exactly.
    static func descriptionsAreWhole(_ bytes: [UInt8], count: Int) -> Bool {
        var offset = 0
        for _ in 0..<count {
            for _ in 0..<2 {
                guard offset < bytes.count else { return false }
                offset += 1 + Int(bytes[offset])
            }
            offset += 4
            guard offset <= bytes.count else { return false }
        }
        return true
    }
}
