import Foundation

/// The date layouts of HAProxy's logs (src/tools.c `date2str_log`,
/// `gmt2str_log`, `localdate2str_log`) and of syslog headers.
enum LogDates {
    static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    private static func calendar(_ seconds: Int, gmt: Bool) -> tm {
        var time = time_t(seconds)
        var parts = tm()
        if gmt { gmtime_r(&time, &parts) } else { localtime_r(&time, &parts) }
        return parts
    }

    /// `07/Dec/2026:09:46:43.917` (`%t`, `%tr`).
    static func legacy(_ seconds: Int, _ milliseconds: Int, gmt: Bool) -> String {
        let t = calendar(seconds, gmt: gmt)
        return day(t) + String(format: ":%02d:%02d:%02d.%03d", t.tm_hour, t.tm_min, t.tm_sec, milliseconds)
    }

    /// `07/Dec/2026:09:46:43 +0000` in GMT (`%T`, `%trg`).
    static func gmt(_ seconds: Int) -> String {
        let t = calendar(seconds, gmt: true)
        return day(t) + String(format: ":%02d:%02d:%02d +0000", t.tm_hour, t.tm_min, t.tm_sec)
    }

    /// `07/Dec/2026:10:46:43 +0100` in local time (`%Tl`, `%trl`).
    static func local(_ seconds: Int) -> String {
        let t = calendar(seconds, gmt: false)
        return day(t) + String(format: ":%02d:%02d:%02d ", t.tm_hour, t.tm_min, t.tm_sec) + offset(t.tm_gmtoff, colon: false)
    }

    /// `Dec  7 09:46:43` (rfc3164 and local headers, the day padded with a space).
    static func syslog(_ seconds: Int) -> String {
        let t = calendar(seconds, gmt: false)
        return months[Int(t.tm_mon)] + String(format: " %2d %02d:%02d:%02d", t.tm_mday, t.tm_hour, t.tm_min, t.tm_sec)
    }

    /// `2026-12-07T09:46:43.918642+00:00` (rfc5424, iso and timed headers).
    static func iso(_ seconds: Int, _ microseconds: Int) -> String {
        let t = calendar(seconds, gmt: false)
        return String(format: "%04d-%02d-%02dT%02d:%02d:%02d.%06d", t.tm_year + 1900, t.tm_mon + 1, t.tm_mday,
                      t.tm_hour, t.tm_min, t.tm_sec, microseconds) + offset(t.tm_gmtoff, colon: true)
    }

    /// `07/Dec/2026`.
    private static func day(_ t: tm) -> String {
        String(format: "%02d/", t.tm_mday) + months[Int(t.tm_mon)] + String(format: "/%04d", t.tm_year + 1900)
    }

    private static func offset(_ seconds: Int, colon: Bool) -> String {
        let minutes = abs(seconds) / 60
        return (seconds < 0 ? "-" : "+") + String(format: colon ? "%02d:%02d" : "%02d%02d", minutes / 60, minutes % 60)
    }
}
