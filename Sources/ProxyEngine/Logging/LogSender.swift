import Foundation
import RuntimePlan

/// One open destination of a `log` line: a connected, non-blocking
/// datagram socket (UDP or unix), a file descriptor (`stdout`) or a `ring`. A
/// datagram is sent whole or dropped, never waited for (HAProxy drops a
/// log it cannot send at once, too). One socket per target is shared by
/// every event loop: the kernel sends each datagram atomically, so no lock is needed.
final class LogSender: Sendable {
    let target: LogTarget
    private let descriptor: Int32
    private let ownsDescriptor: Bool
    /// The ring of a `ring@NAME` target.
    private let ring: LogRing?

    /// Opens the destination; nil when it cannot be (the engine warns and logs nowhere there).
    init?(_ target: LogTarget, rings: LogRings = LogRings()) {
        self.target = target
        switch target.destination {
        case .ring(let name):
            guard let ring = rings.byName[name] else { return nil }
            self.ring = ring
            descriptor = -1
            ownsDescriptor = false
        case .fileDescriptor(let fd):
            ring = nil
            descriptor = fd
            ownsDescriptor = false
        case .udp(let host, let port):
            guard let fd = Self.openUDP(host: host, port: port) else { return nil }
            ring = nil
            descriptor = fd
            ownsDescriptor = true
        case .unixDatagram(let path):
            guard let fd = Self.openUnix(path) else { return nil }
            ring = nil
            descriptor = fd
            ownsDescriptor = true
        }
    }

    deinit {
        if ownsDescriptor { close(descriptor) }
    }

    /// Sends one message; dropped when the socket's buffer is full or the receiver is gone.
    func send(_ bytes: [UInt8]) {
        if let ring {
            // A ring keeps the message without its line feed.
            return ring.append(bytes.last == 10 ? Array(bytes.dropLast()) : bytes)
        }
        bytes.withUnsafeBytes { raw in
            switch target.destination {
            case .fileDescriptor:
                _ = write(descriptor, raw.baseAddress, raw.count)
            case .ring:
                break
            case .udp, .unixDatagram:
                _ = Glibc.send(descriptor, raw.baseAddress, raw.count, Int32(MSG_DONTWAIT) | Int32(MSG_NOSIGNAL))
            }
        }
    }

    private static func openUDP(host: String, port: Int) -> Int32? {
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_DGRAM.rawValue)
        hints.ai_family = AF_UNSPEC
        var found: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, String(port), &hints, &found) == 0, let first = found else { return nil }
        defer { freeaddrinfo(found) }
        let fd = socket(first.pointee.ai_family, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { return nil }
        guard connect(fd, first.pointee.ai_addr, first.pointee.ai_addrlen) == 0 else {
            close(fd)
            return nil
        }
        return fd
    }

    private static func openUnix(_ path: String) -> Int32? {
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        guard bytes.count < MemoryLayout.size(ofValue: address.sun_path) else { return nil }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.copyBytes(from: bytes)
            raw[bytes.count] = 0
        }
        let fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { return nil }
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard connected == 0 else {
            close(fd)
            return nil
        }
        return fd
    }
}
