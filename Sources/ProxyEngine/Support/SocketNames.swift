#if canImport(Glibc)
import Glibc
#endif

/// The address a socket descriptor is bound to, and host names as the
/// numeric text that the kernel's addresses compare with.
enum SocketNames {
    /// What `getsockname` says of `descriptor`, nil when it is not a socket.
    static func local(_ descriptor: Int32) -> ReceivedListeners.Socket? {
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let named = withUnsafeMutablePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        guard named == 0 else { return nil }
        let family = Int32(storage.ss_family)
        switch family {
        case AF_INET, AF_INET6:
            return ReceivedListeners.Socket(descriptor: descriptor, family: family, host: text(&storage), port: port(&storage), path: nil)
        case AF_UNIX:
            let pathBytes = max(0, Int(length) - MemoryLayout<sa_family_t>.size)
            let path = withUnsafeBytes(of: &storage) { raw -> String in
                var bytes = Array(raw[MemoryLayout<sa_family_t>.size..<(MemoryLayout<sa_family_t>.size + pathBytes)])
                // A path ends at its NUL; an abstract name starts with one (HAProxy pads it with NULs).
                if bytes.first == 0 {
                    while bytes.count > 1, bytes.last == 0 { bytes.removeLast() }
                } else if let end = bytes.firstIndex(of: 0) {
                    bytes.removeSubrange(end...)
                }
                return String(decoding: bytes, as: UTF8.self)
            }
            return ReceivedListeners.Socket(descriptor: descriptor, family: family, host: nil, port: nil, path: path)
        default:
            return ReceivedListeners.Socket(descriptor: descriptor, family: family, host: nil, port: nil, path: nil)
        }
    }

    /// `host` as the numeric address it stands for (the first one a name resolves to), or itself.
    static func numeric(_ host: String) -> String {
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var found: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, nil, &hints, &found) == 0, let first = found else { return host }
        defer { freeaddrinfo(found) }
        var storage = sockaddr_storage()
        withUnsafeMutableBytes(of: &storage) { raw in
            raw.copyMemory(from: UnsafeRawBufferPointer(start: first.pointee.ai_addr, count: Int(first.pointee.ai_addrlen)))
        }
        return text(&storage) ?? host
    }

    private static func text(_ storage: inout sockaddr_storage) -> String? {
        let family = Int32(storage.ss_family)
        var buffer = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
        let capacity = socklen_t(buffer.count)
        let written: UnsafePointer<CChar>? = withUnsafePointer(to: &storage) { pointer in
            buffer.withUnsafeMutableBufferPointer { output in
                if family == AF_INET {
                    return pointer.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { address in
                        withUnsafePointer(to: address.pointee.sin_addr) { inet_ntop(AF_INET, $0, output.baseAddress, capacity) }
                    }
                }
                return pointer.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { address in
                    withUnsafePointer(to: address.pointee.sin6_addr) { inet_ntop(AF_INET6, $0, output.baseAddress, capacity) }
                }
            }
        }
        guard written != nil else { return nil }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    private static func port(_ storage: inout sockaddr_storage) -> Int {
        withUnsafePointer(to: &storage) { pointer in
            Int(UInt16(bigEndian: pointer.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { $0.pointee.sin_port }))
        }
    }
}
