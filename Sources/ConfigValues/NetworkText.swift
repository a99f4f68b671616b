/// An IPv4 or IPv6 network written with digits, read the way HAProxy reads
/// `<address>[/mask]` (`str2net`, `str62net`: ACL `src`/`dst` patterns,
/// `option forwardfor except`, `option originalto except`). The checker and
/// the planner both read addresses through this type, so a word lint accepts
/// is one the engine can evaluate.
///
/// IPv4 addresses are read as `inet_aton` reads them (one to four parts, each
/// decimal or octal with a leading 0: `10.1` is 10.0.0.1, `010.0.0.1` is
/// 8.0.0.1); the mask is a length (0 to 32) or dotted (`255.255.0.0`, any bit
/// pattern). IPv6 is read as `inet_pton` reads it, with a length from 0 to 128.
public struct NetworkText: Sendable, Hashable {
    /// The address's bytes: 4 for IPv4, 16 for IPv6.
    public var address: [UInt8]
    /// The mask, as many bytes as the address; all ones without a mask.
    public var mask: [UInt8]

    /// How a word fails to be a network.
    public enum Reading: Sendable, Equatable {
        /// A network.
        case network(NetworkText)
        /// A word that is not digits, dots and colons: HAProxy resolves it as a
        /// host name when it starts.
        case hostName
        /// A word HAProxy refuses.
        case invalid
    }

    /// Reads a word; never traps, whatever the bytes.
    public static func read(_ text: String) -> Reading {
        let slash = text.firstIndex(of: "/")
        let host = slash.map { text[..<$0] } ?? Substring(text)
        let maskText = slash.map { text[text.index(after: $0)...] }
        if host.contains(":") {
            guard let address = ipv6Bytes(host) else { return .invalid }
            guard let maskText else { return .network(NetworkText(address: address, mask: ones(128, of: 16))) }
            guard let length = maskLength(maskText, limit: 128) else { return .invalid }
            return .network(NetworkText(address: address, mask: ones(length, of: 16)))
        }
        guard !host.isEmpty else { return .invalid }
        guard host.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }) else {
            // A name with a mask (`host/24`) is still a name to resolve; an empty or bad mask is refused first.
            if let maskText, ipv4Mask(maskText) == nil { return .invalid }
            return .hostName
        }
        guard let address = inetAton(host) else { return .invalid }
        guard let maskText else { return .network(NetworkText(address: address, mask: ones(32, of: 4))) }
        guard let mask = ipv4Mask(maskText) else { return .invalid }
        return .network(NetworkText(address: address, mask: mask))
    }

    /// A single address (no mask), as the engine reads a client's address;
    /// an IPv6 zone (`%eth0`) is dropped.
    public static func address(_ text: String) -> [UInt8]? {
        let unzoned = text.contains(":") ? String(text.prefix { $0 != "%" }) : text
        guard !unzoned.contains("/"), case .network(let network) = read(unzoned) else { return nil }
        return network.address
    }

    /// `inet_aton` on a word of digits and dots: one to four parts, each
    /// decimal or octal (leading 0), the last filling the remaining bytes.
    static func inetAton(_ text: Substring) -> [UInt8]? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...4).contains(parts.count) else { return nil }
        var values: [UInt32] = []
        for part in parts {
            guard !part.isEmpty, part.count <= 12, part.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
            let octal = part.count > 1 && part.first == "0"
            guard let value = UInt32(octal ? part.dropFirst() : part, radix: octal ? 8 : 10) else { return nil }
            values.append(value)
        }
        let lastLimit: UInt32 = [0xFFFF_FFFF, 0xFF_FFFF, 0xFFFF, 0xFF][parts.count - 1]
        guard values.dropLast().allSatisfy({ $0 <= 0xFF }), let last = values.last, last <= lastLimit else { return nil }
        var bytes = values.dropLast().map { UInt8($0) }
        let tailBytes = 4 - bytes.count
        for index in stride(from: tailBytes - 1, through: 0, by: -1) {
            bytes.append(UInt8((last >> UInt32(index * 8)) & 0xFF))
        }
        return bytes
    }

    /// `inet_pton(AF_INET6)`: up to eight groups of one to four hex digits, one `::`, an IPv4 tail.
    static func ipv6Bytes(_ text: Substring) -> [UInt8]? {
        var halves: [String] = []
        let utf8 = Array(text.utf8)
        var pieceStart = 0, index = 0
        while index + 1 < utf8.count {
            if utf8[index] == UInt8(ascii: ":") && utf8[index + 1] == UInt8(ascii: ":") {
                halves.append(String(decoding: utf8[pieceStart..<index], as: UTF8.self))
                index += 2
                pieceStart = index
            } else {
                index += 1
            }
        }
        halves.append(String(decoding: utf8[pieceStart...], as: UTF8.self))
        guard halves.count <= 2 else { return nil }
        func groups(_ part: String, last: Bool) -> [UInt8]? {
            guard !part.isEmpty else { return [] }
            var result: [UInt8] = []
            let pieces = part.split(separator: ":", omittingEmptySubsequences: false)
            for (index, piece) in pieces.enumerated() {
                if last, index == pieces.count - 1, piece.contains(".") {
                    let octets = piece.split(separator: ".", omittingEmptySubsequences: false)
                    guard octets.count == 4 else { return nil }
                    for octet in octets {
                        guard (1...3).contains(octet.count), octet.allSatisfy({ $0.isASCII && $0.isNumber }),
                              let value = UInt8(octet) else { return nil }
                        result.append(value)
                    }
                } else {
                    guard (1...4).contains(piece.count), piece.allSatisfy({ $0.isASCII && $0.isHexDigit }),
                          let value = UInt16(piece, radix: 16) else { return nil }
                    result += [UInt8(value >> 8), UInt8(value & 0xFF)]
                }
            }
            return result
        }
        guard let head = groups(halves[0], last: halves.count == 1) else { return nil }
        if halves.count == 1 { return head.count == 16 ? head : nil }
        guard let tail = groups(halves[1], last: true), head.count + tail.count <= 14 else { return nil }
        return head + [UInt8](repeating: 0, count: 16 - head.count - tail.count) + tail
    }

    /// An IPv4 mask: a length from 0 to 32, or four dotted decimal bytes.
    private static func ipv4Mask(_ text: Substring) -> [UInt8]? {
        if text.contains(".") {
            let octets = text.split(separator: ".", omittingEmptySubsequences: false)
            guard octets.count == 4 else { return nil }
            var bytes: [UInt8] = []
            for octet in octets {
                guard (1...3).contains(octet.count), octet.allSatisfy({ $0.isASCII && $0.isNumber }),
                      let value = UInt8(octet) else { return nil }
                bytes.append(value)
            }
            return bytes
        }
        return maskLength(text, limit: 32).map { ones($0, of: 4) }
    }

    private static func maskLength(_ text: Substring, limit: Int) -> Int? {
        guard !text.isEmpty, text.count <= 3, text.allSatisfy({ $0.isASCII && $0.isNumber }),
              let length = Int(text), length <= limit else { return nil }
        return length
    }

    /// A mask of `length` leading one bits over `count` bytes.
    private static func ones(_ length: Int, of count: Int) -> [UInt8] {
        (0..<count).map { index in
            let bits = min(8, max(0, length - index * 8))
            return bits == 0 ? 0 : UInt8(truncatingIfNeeded: 0xFF << (8 - bits))
        }
    }
}
