import Foundation
import ConfigValues

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
            // Past the ends of Int64 the range is empty (lower > upper), never an overflow trap.
            case "gt": (lower, upper) = value == .max ? (.max, .min) : (value + 1, .max)
            case "le": (lower, upper) = (.min, value)
            case "lt": (lower, upper) = value == .min ? (.max, .min) : (.min, value - 1)
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

/// An IPv4 or IPv6 network with an optional mask, read as HAProxy reads it
/// (`NetworkText`); a host name is not a network to the engine, which does
/// not resolve names.
public struct NetworkPattern: Sendable, Hashable {
    public var address: IPAddressBytes
    /// The mask's bytes, as many as the address's.
    public var mask: [UInt8]

    public init?(_ text: String) {
        guard case .network(let network) = NetworkText.read(text) else { return nil }
        address = IPAddressBytes(bytes: network.address)
        mask = network.mask
    }

    /// Whether an address is inside the network. An IPv4 address also
    /// matches as its IPv4-mapped IPv6 form, and the reverse.
    public func contains(_ candidate: IPAddressBytes) -> Bool {
        var value = candidate.bytes
        var network = address.bytes
        var mask = self.mask
        if value.count != network.count {
            if let v4 = candidate.unmappedIPv4, network.count == 4 { value = v4.bytes }
            else if let v4 = address.unmappedIPv4, value.count == 4 { network = v4.bytes; mask = Array(mask.suffix(4)) }
            else { return false }
        }
        return zip(zip(value, network), mask).allSatisfy { pair, bits in pair.0 & bits == pair.1 & bits }
    }
}

/// The bytes of an IPv4 (4) or IPv6 (16) address.
public struct IPAddressBytes: Sendable, Hashable {
    public var bytes: [UInt8]

    public init?(_ text: String) {
        guard let bytes = NetworkText.address(text) else { return nil }
        self.bytes = bytes
    }

    init(bytes: [UInt8]) { self.bytes = bytes }

    /// The IPv4 address inside an IPv4-mapped IPv6 address (`::ffff:a.b.c.d`).
    var unmappedIPv4: IPAddressBytes? {
        guard bytes.count == 16, bytes[0..<10].allSatisfy({ $0 == 0 }), bytes[10] == 0xFF, bytes[11] == 0xFF else { return nil }
        var copy = self
        copy.bytes = Array(bytes[12...])
        return copy
    }
}
