/// A size with HAProxy's optional suffix: `k`, `m` or `g` (powers of 1024).
public struct ByteSize: Sendable, Hashable, Codable, Comparable {
    public var bytes: Int64

    public init(bytes: Int64) { self.bytes = bytes }

    public static func < (lhs: ByteSize, rhs: ByteSize) -> Bool { lhs.bytes < rhs.bytes }

    /// Parses `100`, `100k`, `16m`, `1g` (either case); nil when invalid.
    public static func parse(_ text: String) -> ByteSize? {
        let digits = text.prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty, let value = Int64(digits) else { return nil }
        let multiplier: Int64
        switch text.dropFirst(digits.count).lowercased() {
        case "": multiplier = 1
        case "k": multiplier = 1 << 10
        case "m": multiplier = 1 << 20
        case "g": multiplier = 1 << 30
        default: return nil
        }
        let (result, overflow) = value.multipliedReportingOverflow(by: multiplier)
        return overflow ? nil : ByteSize(bytes: result)
    }
}
