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

    /// Parses a duration as HAProxy 2.6 does; `defaultUnit` applies to a bare
    /// number. HAProxy reads a unit from the first one or two characters after
    /// the number and only warns about what follows (`15min` is 15 minutes,
    /// `1m30s` one minute): such a text parses, and `ignoredSuffix` returns
    /// the characters HAProxy ignores.
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
        } else if let (found, _) = leadingUnit(utf8) {
            unit = found
        } else {
            return .failure(.badUnit(String(decoding: utf8, as: UTF8.self)))
        }
        let (result, overflow) = value.multipliedReportingOverflow(by: unit.microseconds)
        // HAProxy stores timers as 32-bit milliseconds.
        guard !overflow, result / 1_000 <= Int64(Int32.max) else { return .failure(.overflow) }
        return .success(Duration(microseconds: result))
    }

    /// The unit HAProxy reads at the start of `suffix` and its length in bytes.
    private static func leadingUnit(_ suffix: Substring.UTF8View) -> (Unit, Int)? {
        let first = suffix.first!
        let second = suffix.dropFirst().first
        switch first {
        case UInt8(ascii: "s"): return (.seconds, 1)
        case UInt8(ascii: "u"): return second == UInt8(ascii: "s") ? (.microseconds, 2) : nil
        case UInt8(ascii: "m"): return second == UInt8(ascii: "s") ? (.milliseconds, 2) : (.minutes, 1)
        case UInt8(ascii: "h"): return (.hours, 1)
        case UInt8(ascii: "d"): return (.days, 1)
        default: return nil
        }
    }

    /// For a duration HAProxy accepts with a warning ("unexpected character
    /// 'i' after the timer value '15min'"): the number with the unit HAProxy
    /// reads (`15m`) and the characters it ignores (`in`); nil otherwise.
    public static func ignoredSuffix(_ text: String) -> (read: String, ignored: String)? {
        let digits = text.utf8.prefix { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }.count
        let suffix = text.utf8.dropFirst(digits)
        guard digits > 0, !suffix.isEmpty, let (_, length) = leadingUnit(suffix),
              suffix.count > length else { return nil }
        return (String(text.prefix(digits + length)), String(text.dropFirst(digits + length)))
    }
}
