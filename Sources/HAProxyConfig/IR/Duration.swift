/// A duration as HAProxy writes it: a number and an optional unit (`us`,
/// `ms`, `s`, `m`, `h`, `d`); a bare number uses the keyword's default unit
/// (milliseconds for timeouts, seconds for a few keywords).
public struct Duration: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    /// The unit a bare number is read in.
    public enum Unit: String, Sendable, Hashable, Codable, CaseIterable {
        case microseconds = "us"
        case milliseconds = "ms"
        case seconds = "s"
        case minutes = "m"
        case hours = "h"
        case days = "d"

        var microseconds: Int64 {
            switch self {
            case .microseconds: 1
            case .milliseconds: 1_000
            case .seconds: 1_000_000
            case .minutes: 60_000_000
            case .hours: 3_600_000_000
            case .days: 86_400_000_000
            }
        }
    }

    /// Why a text is not a duration.
    public enum ParseError: Error, Sendable, Equatable {
        case notANumber
        case badUnit(String)
        case overflow
    }

    public var microseconds: Int64

    public init(microseconds: Int64) { self.microseconds = microseconds }

    public var milliseconds: Int64 { microseconds / 1_000 }

    public static func < (lhs: Duration, rhs: Duration) -> Bool { lhs.microseconds < rhs.microseconds }

    /// The shortest exact HAProxy spelling (`90s` for 90 seconds, `1500ms`…).
    public var description: String {
        for unit in Unit.allCases.reversed() where microseconds % unit.microseconds == 0 && microseconds != 0 {
            return "\(microseconds / unit.microseconds)\(unit.rawValue)"
        }
        return microseconds == 0 ? "0" : "\(microseconds)us"
    }

    /// Parses a duration; `defaultUnit` applies to a bare number.
    public static func parse(_ text: String, defaultUnit: Unit = .milliseconds) -> Result<Duration, ParseError> {
        var value: Int64 = 0
        var digits = 0
        var utf8 = text.utf8[...]
        while let byte = utf8.first, byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") {
            let (shifted, overflow) = value.multipliedReportingOverflow(by: 10)
            guard !overflow else { return .failure(.overflow) }
            value = shifted + Int64(byte - UInt8(ascii: "0"))
            digits += 1
            utf8 = utf8.dropFirst()
        }
        guard digits > 0 else { return .failure(.notANumber) }
        let unit: Unit
        if utf8.isEmpty {
            unit = defaultUnit
        } else if let found = Unit(rawValue: String(decoding: utf8, as: UTF8.self)) {
            unit = found
        } else {
            return .failure(.badUnit(String(decoding: utf8, as: UTF8.self)))
        }
        let (result, overflow) = value.multipliedReportingOverflow(by: unit.microseconds)
        // HAProxy stores timers as 32-bit milliseconds.
        guard !overflow, result / 1_000 <= Int64(Int32.max) else { return .failure(.overflow) }
        return .success(Duration(microseconds: result))
    }
}
