import RuntimePlan

/// The key of a stick-table entry, in the table's own form: 4 address
/// bytes for `ip`, 16 for `ipv6`, a 32-bit integer, or the bytes of a
/// string or binary cut to the table's `len` (binary keys padded with zeros, as HAProxy pads them).
struct StickKey: Sendable, Hashable {
    let bytes: [UInt8]

    init(bytes: [UInt8]) { self.bytes = bytes }

    /// The key of a sample's text for a table; nil when the sample cannot be one (HAProxy then tracks nothing).
    init?(_ text: String, for table: StickTablePlan) {
        switch table.keyType {
        case .ip:
            guard let address = IPAddressBytes(text)?.bytes else { return nil }
            if address.count == 4 {
                bytes = address
            } else if address[0..<10].allSatisfy({ $0 == 0 }), address[10] == 0xFF, address[11] == 0xFF {
                bytes = Array(address[12...])
            } else {
                return nil
            }
        case .ipv6:
            guard let address = IPAddressBytes(text)?.bytes else { return nil }
            bytes = address.count == 16 ? address : Array(repeating: 0, count: 10) + [0xFF, 0xFF] + address
        case .integer:
            guard let value = Int64(text) else { return nil }
            let word = UInt32(truncatingIfNeeded: value)
            bytes = [UInt8(word >> 24), UInt8(truncatingIfNeeded: word >> 16), UInt8(truncatingIfNeeded: word >> 8),
                     UInt8(truncatingIfNeeded: word)]
        case .string:
            bytes = Array(text.utf8.prefix(table.keyLength))
        case .binary:
            let raw = Array(text.utf8.prefix(table.keyLength))
            bytes = raw + Array(repeating: 0, count: table.keyLength - raw.count)
        }
    }

    /// The key as `show table` prints it.
    func text(_ type: StickTablePlan.KeyType) -> String {
        switch type {
        case .ip: return bytes.map(String.init).joined(separator: ".")
        case .ipv6: return IPv6Text.format(bytes)
        case .integer:
            // HAProxy prints the key unsigned (`%u`).
            return String(bytes.reduce(UInt32(0)) { $0 << 8 | UInt32($1) })
        case .string: return String(decoding: bytes, as: UTF8.self)
        case .binary: return bytes.map { ($0 < 16 ? "0" : "") + String($0, radix: 16, uppercase: true) }.joined()
        }
    }
}

/// The text form of an IPv6 address (RFC 5952: the longest run of zero groups as `::`).
enum IPv6Text {
    static func format(_ bytes: [UInt8]) -> String {
        guard bytes.count == 16 else { return "" }
        let groups = stride(from: 0, to: 16, by: 2).map { UInt16(bytes[$0]) << 8 | UInt16(bytes[$0 + 1]) }
        var best = (start: -1, length: 0), run = (start: -1, length: 0)
        for (index, group) in groups.enumerated() {
            if group == 0 {
                run = run.start < 0 ? (index, 1) : (run.start, run.length + 1)
                if run.length > best.length { best = run }
            } else {
                run = (-1, 0)
            }
        }
        if groups[5] == 0xFFFF, best.start == 0, best.length == 5 {
            return "::ffff:" + bytes[12...].map(String.init).joined(separator: ".")
        }
        let hex = groups.map { String($0, radix: 16) }
        guard best.length >= 2 else { return hex.joined(separator: ":") }
        let head = hex[..<best.start].joined(separator: ":"), tail = hex[(best.start + best.length)...].joined(separator: ":")
        return head + "::" + tail
    }
}
