import RuntimePlan

/// The header written before a message for each `format` of a `log` line
/// (src/log.c `build_log_header`): `<PRI>` = facility × 8 + level.
enum SyslogHeader {
    /// The header bytes for a message sent now.
    static func make(_ target: LogTarget, level: Int, tag: String, pid: Int32, hostname: String?,
                     seconds: Int, microseconds: Int, structuredData: String = "-") -> String {
        let priority = "<\(target.facility * 8 + level)>"
        switch target.format {
        case .local:
            return "\(priority)\(LogDates.syslog(seconds)) \(tag)[\(pid)]: "
        case .rfc3164:
            return "\(priority)\(LogDates.syslog(seconds)) \(hostname.map { $0 + " " } ?? "")\(tag)[\(pid)]: "
        case .rfc5424:
            return "\(priority)1 \(LogDates.iso(seconds, microseconds)) \(hostname ?? "-") \(tag) \(pid) - \(structuredData) "
        case .raw:
            return ""
        case .short:
            return "<\(level)>"
        case .priority:
            return priority
        case .iso:
            return "\(LogDates.iso(seconds, microseconds)) "
        case .timed:
            return "<\(level)>\(LogDates.iso(seconds, microseconds)) "
        }
    }
}
