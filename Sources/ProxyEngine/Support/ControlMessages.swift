#if canImport(Glibc)
import Glibc
#endif

/// SCM_RIGHTS control messages (descriptors passed over a Unix socket),
/// laid out as Linux's `CMSG_*` macros do, which Swift cannot import.
enum ControlMessages {
    /// `CMSG_ALIGN`: lengths round up to a `size_t`.
    static func aligned(_ length: Int) -> Int {
        let word = MemoryLayout<Int>.size
        return (length + word - 1) & ~(word - 1)
    }

    /// `CMSG_LEN(0)`: the header before the data.
    static var headerLength: Int { aligned(MemoryLayout<cmsghdr>.size) }

    /// `CMSG_SPACE`: the room one message of `dataLength` bytes takes.
    static func space(_ dataLength: Int) -> Int { headerLength + aligned(dataLength) }

    /// The descriptors carried by the SCM_RIGHTS messages in `length` bytes of control data.
    static func rights(in control: UnsafeMutableRawPointer, length: Int) -> [Int32] {
        var descriptors: [Int32] = []
        var offset = 0
        while offset + headerLength <= length {
            let header = control.advanced(by: offset).loadUnaligned(as: cmsghdr.self)
            let messageLength = Int(header.cmsg_len)
            guard messageLength >= headerLength, offset + messageLength <= length else { break }
            if header.cmsg_level == SOL_SOCKET, header.cmsg_type == Int32(SCM_RIGHTS) {
                let count = (messageLength - headerLength) / MemoryLayout<Int32>.size
                for index in 0..<count {
                    descriptors.append(control.advanced(by: offset + headerLength + index * MemoryLayout<Int32>.size)
                        .loadUnaligned(as: Int32.self))
                }
            }
            offset += aligned(messageLength)
        }
        return descriptors
    }

    /// Writes one SCM_RIGHTS message carrying `descriptors` at `control`, which has `space(4 × count)` bytes; its length.
    static func writeRights(_ descriptors: [Int32], to control: UnsafeMutableRawPointer) -> Int {
        let dataLength = descriptors.count * MemoryLayout<Int32>.size
        var header = cmsghdr()
        header.cmsg_len = headerLength + dataLength
        header.cmsg_level = SOL_SOCKET
        header.cmsg_type = Int32(SCM_RIGHTS)
        control.storeBytes(of: header, as: cmsghdr.self)
        for (index, descriptor) in descriptors.enumerated() {
            control.storeBytes(of: descriptor, toByteOffset: headerLength + index * MemoryLayout<Int32>.size, as: Int32.self)
        }
        return space(dataLength)
    }
}
