import Foundation

/// An integer pattern: `N`, `N:M`, `:M`, `N:`, or `eq|ge|gt|le|lt N`.
public struct IntegerPattern: Sendable, Hashable {
    public var lower: Int64
    public var upper: Int64

    public init?(_ text: String) {
        let words = text.split(separator: " ")
        if words.count == 2, let value = Int64(words[1]) {
            switch words[0] {
            case "eq": (lower, upper) = (value, value)
            case "ge": (lower, upper) = (value, .max)
            case "gt": (lower, upper) = (value + 1, .max)
            case "le": (lower, upper) = (.min, value)
            case "lt": (lower, upper) = (.min, value - 1)
            default: return nil
            }
            return
        }
        guard words.count == 1 else { return nil }
        if let colon = text.firstIndex(of: ":") {
            let low = text[..<colon], high = text[text.index(after: colon)...]
            guard low.isEmpty || Int64(low) != nil, high.isEmpty || Int64(high) != nil, !(low.isEmpty && high.isEmpty) else {
                return nil
            }
            lower = Int64(low) ?? .min
            upper = Int64(high) ?? .max
        } else {
            guard let value = Int64(text) else { return nil }
            (lower, upper) = (value, value)
        }
    }

    public func matches(_ value: Int64) -> Bool { value >= lower && value <= upper }
}

/// An IPv4 or IPv6 address with an optional prefix length or dotted mask.
public struct NetworkPattern: Sendable, Hashable {
    public var address: IPAddressBytes
    public var prefixLength: Int

    public init?(_ text: String) {
        let parts = text.split(separator: "/", maxSplits: 1).map(String.init)
        guard let address = IPAddressBytes(parts[0]) else { return nil }
        self.address = address
        let bits = address.bytes.count * 8
        guard parts.count == 2 else { prefixLength = bits; return }
        if let length = Int(parts[1]), length >= 0, length <= bits {
            prefixLength = length
        } else if address.bytes.count == 4, let mask = IPAddressBytes(parts[1]), mask.bytes.count == 4 {
            prefixLength = mask.bytes.reduce(0) { $0 + $1.nonzeroBitCount }
        } else {
            return nil
        }
    }

    /// Whether an address is inside the network. An IPv4 address also
    /// matches as its IPv4-mapped IPv6 form, and the reverse.
    public func contains(_ candidate: IPAddressBytes) -> Bool {
        var value = candidate
        var network = address
        if value.bytes.count != network.bytes.count {
            if let v4 = value.unmappedIPv4, network.bytes.count == 4 { value = v4 }
            else if let v4 = network.unmappedIPv4, value.bytes.count == 4 { network = v4 }
            else { return false }
        }
        let length = prefixLength - (network.bytes.count == address.bytes.count ? 0 : 96)
        var remaining = length
        for (a, b) in zip(value.bytes, network.bytes) {
            guard remaining > 0 else { return true }
            let bits = min(8, remaining)
            let mask: UInt8 = bits == 8 ? 0xFF : ~(0xFF >> UInt8(bits))
            if a & mask != b & mask { return false }
            remaining -= bits
        }
        return true
    }
}

/// The bytes of an IPv4 (4) or IPv6 (16) address.
public struct IPAddressBytes: Sendable, Hashable {
    public var bytes: [UInt8]

    public init?(_ text: String) {
        if text.contains(":") {
            guard let parsed = Self.parseIPv6(text) else { return nil }
            bytes = parsed
        } else {
            let octets = text.split(separator: ".", omittingEmptySubsequences: false)
            guard octets.count == 4 else { return nil }
            var result: [UInt8] = []
            for octet in octets {
                guard !octet.isEmpty, octet.count <= 3, let value = UInt8(octet) else { return nil }
                result.append(value)
            }
            bytes = result
        }
    }

    /// The IPv4 address inside an IPv4-mapped IPv6 address (`::ffff:a.b.c.d`).
    var unmappedIPv4: IPAddressBytes? {
        guard bytes.count == 16, bytes[0..<10].allSatisfy({ $0 == 0 }), bytes[10] == 0xFF, bytes[11] == 0xFF else { return nil }
        var copy = self
        copy.bytes = Array(bytes[12...])
        return copy
    }

    private static func parseIPv6(_ text: String) -> [UInt8]? {
        var text = Substring(text)
        if let percent = text.firstIndex(of: "%") { text = text[..<percent] }
        let halves = text.components(separatedBy: "::")
        guard halves.count <= 2 else { return nil }
        func groups(_ part: String) -> [UInt8]? {
            guard !part.isEmpty else { return [] }
            var result: [UInt8] = []
            let pieces = part.split(separator: ":", omittingEmptySubsequences: false)
            for (index, piece) in pieces.enumerated() {
                if index == pieces.count - 1, piece.contains("."), let v4 = IPAddressBytes(String(piece)) {
                    result += v4.bytes
                } else {
                    guard !piece.isEmpty, piece.count <= 4, let value = UInt16(piece, radix: 16) else { return nil }
                    result += [UInt8(value >> 8), UInt8(value & 0xFF)]
                }
            }
            return result
        }
        guard let head = groups(halves[0]) else { return nil }
        if halves.count == 1 { return head.count == 16 ? head : nil }
        guard let tail = groups(halves[1]), head.count + tail.count < 16 else { return nil }
        return head + [UInt8](repeating: 0, count: 16 - head.count - tail.count) + tail
    }
}
