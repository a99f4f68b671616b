import Foundation
import NIOConcurrencyHelpers

/// The date layouts of HAProxy's logs (src/tools.c `date2str_log`,
/// `gmt2str_log`, `localdate2str_log`) and of syslog headers, appended as
/// bytes to the line being built. The calendar of a second is computed once
/// and shared by every line of that second, as HAProxy keeps its date parts.
enum LogDates {
    static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    private static let monthBytes = months.map { Array($0.utf8) }

    /// The broken-down time of the last second asked for, local or GMT.
    private final class CalendarCache: @unchecked Sendable {
        private let lock = NIOLock()
        private var second = Int.min
        private var parts = tm()
        private let gmt: Bool

        init(gmt: Bool) { self.gmt = gmt }

        func parts(of seconds: Int) -> tm {
            lock.withLock {
                if seconds != second {
                    var time = time_t(seconds)
                    if gmt { gmtime_r(&time, &parts) } else { localtime_r(&time, &parts) }
                    second = seconds
                }
                return parts
            }
        }
    }

    private static let local = CalendarCache(gmt: false)
    private static let universal = CalendarCache(gmt: true)

    /// `07/Dec/2026:09:46:43.917` (`%t`, `%tr`).
    static func appendLegacy(_ out: inout [UInt8], _ seconds: Int, _ milliseconds: Int) {
        let t = local.parts(of: seconds)
        appendDayAndTime(&out, t)
        out.append(46)
        digits(&out, milliseconds, 3)
    }

    /// `07/Dec/2026:09:46:43 +0000` in GMT (`%T`, `%trg`).
    static func appendGMT(_ out: inout [UInt8], _ seconds: Int) {
        appendDayAndTime(&out, universal.parts(of: seconds))
        out.append(contentsOf: " +0000".utf8)
    }

    /// `07/Dec/2026:10:46:43 +0100` in local time (`%Tl`, `%trl`).
    static func appendLocal(_ out: inout [UInt8], _ seconds: Int) {
        let t = local.parts(of: seconds)
        appendDayAndTime(&out, t)
        out.append(32)
        appendOffset(&out, t.tm_gmtoff, colon: false)
    }

    /// `Dec  7 09:46:43` (rfc3164 and local headers, the day padded with a space).
    static func appendSyslog(_ out: inout [UInt8], _ seconds: Int) {
        let t = local.parts(of: seconds)
        out.append(contentsOf: monthBytes[Int(t.tm_mon)])
        out.append(32)
        digits(&out, Int(t.tm_mday), 2, pad: 32)
        out.append(32)
        appendClock(&out, t)
    }

    /// `2026-12-07T09:46:43.918642+00:00` (rfc5424, iso and timed headers).
    static func appendISO(_ out: inout [UInt8], _ seconds: Int, _ microseconds: Int) {
        let t = local.parts(of: seconds)
        digits(&out, Int(t.tm_year) + 1900, 4)
        out.append(45)
        digits(&out, Int(t.tm_mon) + 1, 2)
        out.append(45)
        digits(&out, Int(t.tm_mday), 2)
        out.append(84)
        appendClock(&out, t)
        out.append(46)
        digits(&out, microseconds, 6)
        appendOffset(&out, t.tm_gmtoff, colon: true)
    }

    /// `07/Dec/2026:09:46:43`.
    private static func appendDayAndTime(_ out: inout [UInt8], _ t: tm) {
        digits(&out, Int(t.tm_mday), 2)
        out.append(47)
        out.append(contentsOf: monthBytes[Int(t.tm_mon)])
        out.append(47)
        digits(&out, Int(t.tm_year) + 1900, 4)
        out.append(58)
        appendClock(&out, t)
    }

    /// `09:46:43`.
    private static func appendClock(_ out: inout [UInt8], _ t: tm) {
        digits(&out, Int(t.tm_hour), 2)
        out.append(58)
        digits(&out, Int(t.tm_min), 2)
        out.append(58)
        digits(&out, Int(t.tm_sec), 2)
    }

    /// `+0100`, or `+01:00` with `colon`.
    private static func appendOffset(_ out: inout [UInt8], _ seconds: Int, colon: Bool) {
        let minutes = abs(seconds) / 60
        out.append(seconds < 0 ? 45 : 43)
        digits(&out, minutes / 60, 2)
        if colon { out.append(58) }
        digits(&out, minutes % 60, 2)
    }

    /// `value` (0 ≤ value < 10^width) in `width` digits, leading zeros written as `pad`.
    private static func digits(_ out: inout [UInt8], _ value: Int, _ width: Int, pad: UInt8 = 48) {
        var divisor = 1
        for _ in 1..<width { divisor *= 10 }
        var started = false
        while divisor > 0 {
            let digit = value / divisor % 10
            if digit != 0 || divisor == 1 { started = true }
            out.append(started ? 48 + UInt8(digit) : pad)
            divisor /= 10
        }
    }
}
