/// Writes JSON text directly, for the diagnostics document: output of tens
/// of thousands of findings costs a fraction of what a generic encoder does.
/// Objects are written with their keys in sorted order by the caller, strings
/// are escaped as JSON requires (slashes are not escaped).
struct JSONWriter {
    private(set) var text = ""

    mutating func raw(_ fragment: String) { text += fragment }

    mutating func number(_ value: Int) { text += String(value) }

    mutating func string(_ value: String) {
        text += "\""
        var plainStart = value.utf8.startIndex
        var index = plainStart
        let bytes = value.utf8
        while index != bytes.endIndex {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte < 0x20 {
                text += value[plainStart..<index]
                text += Self.escape(byte)
                plainStart = bytes.index(after: index)
            }
            index = bytes.index(after: index)
        }
        text += value[plainStart..<bytes.endIndex]
        text += "\""
    }

    /// `"key":` (the caller writes keys in sorted order).
    mutating func key(_ name: String) {
        text += "\""
        text += name
        text += "\":"
    }

    /// Writes `[item,item,…]`.
    mutating func array<Element>(_ items: [Element], _ write: (inout JSONWriter, Element) -> Void) {
        text += "["
        for (position, item) in items.enumerated() {
            if position > 0 { text += "," }
            write(&self, item)
        }
        text += "]"
    }

    private static func escape(_ byte: UInt8) -> String {
        switch byte {
        case UInt8(ascii: "\""): return "\\\""
        case UInt8(ascii: "\\"): return "\\\\"
        case 0x08: return "\\b"
        case 0x0C: return "\\f"
        case 0x0A: return "\\n"
        case 0x0D: return "\\r"
        case 0x09: return "\\t"
        default:
            let hex = Array("0123456789abcdef")
            return "\\u00" + String(hex[Int(byte >> 4)]) + String(hex[Int(byte & 0xF)])
        }
    }
}
