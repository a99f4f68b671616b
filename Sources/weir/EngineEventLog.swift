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

    /// ISO 8601 in UTC with milliseconds.
    static func timestamp(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true, timeZone: TimeZone(identifier: "UTC")!))
    }

    /// Writes the event's line to standard error.
    func write(_ event: EngineEvent) {
        FileHandle.standardError.write(Data(Self.line(event, at: Date()).utf8))
    }
}
