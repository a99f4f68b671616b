import Foundation
import ProxyEngine

/// How `weir run` prints what the engine reports: one line per event on
/// standard error, stamped with the UTC time to the millisecond, as a log
/// reader expects (`2026-12-07T11:40:01.123Z [weir] Server web/web01 is DOWN, ...`).
struct EngineEventLog: Sendable {
    /// The line for an event at a given time.
    static func line(_ event: EngineEvent, at date: Date) -> String {
        "\(timestamp(date)) [weir] \(event)\n"
    }

    /// ISO 8601 in UTC with milliseconds. Made with the C library's `gmtime_r`: Foundation's
    /// date styles load ICU's calendar data, about 4 MB of resident memory the engine has no other use for.
    static func timestamp(_ date: Date) -> String {
        let since = date.timeIntervalSince1970
        var seconds = time_t(since.rounded(.down))
        let milliseconds = min(999, max(0, Int((since - Double(seconds)) * 1000)))
        var parts = tm()
        gmtime_r(&seconds, &parts)
        func padded(_ value: Int, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return padded(Int(parts.tm_year) + 1900, 4) + "-" + padded(Int(parts.tm_mon) + 1, 2) + "-" + padded(Int(parts.tm_mday), 2)
            + "T" + padded(Int(parts.tm_hour), 2) + ":" + padded(Int(parts.tm_min), 2) + ":" + padded(Int(parts.tm_sec), 2)
            + "." + padded(milliseconds, 3) + "Z"
    }

    /// Writes the event's line to standard error.
    func write(_ event: EngineEvent) {
        FileHandle.standardError.write(Data(Self.line(event, at: Date()).utf8))
    }
}
