import RuntimePlan

/// The header written before a message for each `format` of a `log` line
/// (src/log.c `build_log_header`): `<PRI>` = facility × 8 + level.
enum SyslogHeader {
    /// Appends the header of a message sent now.
    static func append(_ out: inout [UInt8], _ target: LogTarget, level: Int, tag: String, pid: Int32, hostname: String?,
                       seconds: Int, microseconds: Int, structuredData: String = "-") {
        func priority() {
            out.append(60)
            LogLineRenderer.appendInteger(&out, target.facility * 8 + level)
            out.append(62)
        }
        func tagAndPid() {
            out.append(contentsOf: tag.utf8)
            out.append(91)
            LogLineRenderer.appendInteger(&out, Int(pid))
            out.append(contentsOf: "]: ".utf8)
        }
        switch target.format {
        case .local:
            priority()
            LogDates.appendSyslog(&out, seconds)
            out.append(32)
            tagAndPid()
        case .rfc3164:
            priority()
            LogDates.appendSyslog(&out, seconds)
            out.append(32)
            // The host name is mandatory in rfc3164: HAProxy writes `localhost` without `log-send-hostname`.
            out.append(contentsOf: (hostname ?? "localhost").utf8)
            out.append(32)
            tagAndPid()
        case .rfc5424:
            priority()
            out.append(contentsOf: "1 ".utf8)
            LogDates.appendISO(&out, seconds, microseconds)
            out.append(contentsOf: " \(hostname ?? "-") \(tag) \(pid) - \(structuredData) ".utf8)
        case .raw:
            break
        case .short:
            out.append(60)
            LogLineRenderer.appendInteger(&out, level)
            out.append(62)
        case .priority:
            priority()
        case .iso:
            LogDates.appendISO(&out, seconds, microseconds)
            out.append(32)
        case .timed:
            out.append(60)
            LogLineRenderer.appendInteger(&out, level)
            out.append(62)
            LogDates.appendISO(&out, seconds, microseconds)
            out.append(32)
        }
    }
}
