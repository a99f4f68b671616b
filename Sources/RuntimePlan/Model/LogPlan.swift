/// One `log` line resolved to where and how messages go
/// (`log 127.0.0.1:514 len 2048 format rfc5424 local0 info notice`).
public struct LogTarget: Sendable, Hashable, Codable {
    /// Where the datagrams go.
    public enum Destination: Sendable, Hashable, Codable {
        /// UDP syslog to an IPv4 or IPv6 address (port 514 by default).
        case udp(host: String, port: Int)
        /// A unix datagram socket (`/dev/log`).
        case unixDatagram(path: String)
        /// `stdout`, `stderr` or `fd@N`: one line per message written to the descriptor.
        case fileDescriptor(Int32)
        /// `ring@NAME`: the in-memory buffer of a `ring` section (its format and `maxlen` are the target's).
        case ring(String)
    }

    /// The syslog header written before each message (`format …`, src/log.c `build_log_header`).
    public enum HeaderFormat: String, Sendable, Hashable, Codable, CaseIterable {
        case local, rfc3164, rfc5424, raw, short, priority, iso, timed
    }

    public var destination: Destination
    public var format: HeaderFormat
    /// The facility code, 0 (`kern`) to 23 (`local7`).
    public var facility: Int
    /// Messages less severe than this level (0 `emerg` … 7 `debug`) are not sent.
    public var maxLevel: Int
    /// Messages more severe than this level are sent at this level.
    public var minLevel: Int
    /// `len`: the longest datagram, header included (default 1024).
    public var length: Int
    /// `sample RANGES:SIZE`: of each group of SIZE messages, only those whose position is in a range are sent.
    public var sample: LogSample?

    public init(destination: Destination, format: HeaderFormat = .local, facility: Int, maxLevel: Int = 7,
                minLevel: Int = 0, length: Int = 1024, sample: LogSample? = nil) {
        self.destination = destination
        self.format = format
        self.facility = facility
        self.maxLevel = maxLevel
        self.minLevel = minLevel
        self.length = length
        self.sample = sample
    }

    /// Facility names in the order of their codes (src/log.c `log_facilities`).
    public static let facilities = ["kern", "user", "mail", "daemon", "auth", "syslog", "lpr", "news", "uucp", "cron",
                                    "auth2", "ftp", "ntp", "audit", "alert", "cron2", "local0", "local1", "local2",
                                    "local3", "local4", "local5", "local6", "local7"]
    /// Level names in the order of their codes.
    public static let levels = ["emerg", "alert", "crit", "err", "warning", "notice", "info", "debug"]
}

/// `sample 1,3-4:5`: the 1-based positions kept in each group of `size` messages.
public struct LogSample: Sendable, Hashable, Codable {
    public var ranges: [ClosedRange<Int>]
    public var size: Int

    public init(ranges: [ClosedRange<Int>], size: Int) {
        self.ranges = ranges
        self.size = size
    }

    /// Whether the message with this 0-based sequence number is sent.
    public func keeps(_ sequence: Int) -> Bool {
        let position = sequence % size + 1
        return ranges.contains { $0.contains(position) }
    }
}

/// `capture request header NAME len N` / `capture response header NAME len N`
/// (or a slot declared by `http-request capture … len N`).
public struct HeaderCapture: Sendable, Hashable, Codable {
    /// The header name, lower-cased; nil for a slot filled by `http-request capture`.
    public var header: String?
    public var length: Int

    public init(header: String?, length: Int) {
        self.header = header
        self.length = length
    }
}

/// `capture cookie NAME len N`: the first request cookie and the first
/// `Set-Cookie` whose name starts with NAME, written `NAME=value` and cut
/// to N bytes, printed by `%CC` and `%CS`.
public struct CookieCapture: Sendable, Hashable, Codable {
    /// The longest capture HAProxy keeps (CAPTURE_LEN - 1).
    public static let longest = 63

    public var name: String
    public var length: Int

    public init(name: String, length: Int) {
        self.name = name
        self.length = length
    }
}

/// What a proxy logs, where and how: its targets (`log`, `log global`, `no
/// log`), the line format (`option httplog`, `tcplog`, `log-format`…) and
/// the options that filter or grade lines.
public struct ProxyLogPlan: Sendable, Hashable, Codable {
    /// Which format the line uses, for readers of the plan.
    public enum Style: String, Sendable, Hashable, Codable {
        /// No format option: HAProxy's one-line "Connect from …" message at accept.
        case connect
        case httplog, httpslog, clf, tcplog
        /// `log-format`.
        case custom
    }

    public var targets: [LogTarget]
    public var style: Style
    /// The traffic line; nil for `.connect`.
    public var format: LogFormat?
    /// `log-format-sd`: the structured data of rfc5424 headers (nil: `-`).
    public var structuredData: LogFormat?
    /// `error-log-format`: lines of connections that failed before a request (nil: the traffic format).
    public var errorFormat: LogFormat?
    /// `log-tag` of the proxy (nil: the global tag).
    public var tag: String?
    public var dontLogNull: Bool
    public var dontLogNormal: Bool
    public var separateErrors: Bool
    /// `option logasap`: the line goes out once the response head is forwarded (`mode http`) or the server
    /// connection is made (`mode tcp`), with `+` before `%B`, `%Ta`, `%Tt` and `%Tu`.
    public var logAsap = false
    /// `option log-health-checks`: every check result that changes a server's health is logged.
    public var healthChecks: Bool
    /// `capture request header`, `declare capture request` and `http-request capture … len` slots, in declaration order.
    public var requestCaptures: [HeaderCapture]
    public var responseCaptures: [HeaderCapture]
    /// `capture cookie`; nil when unset.
    public var cookieCapture: CookieCapture?
    /// `unique-id-format`; nil when unset.
    public var uniqueIDFormat: LogFormat?
    /// `unique-id-header`: the request header that carries the unique id to the server.
    public var uniqueIDHeader: String?

    public init(targets: [LogTarget] = [], style: Style = .connect, format: LogFormat? = nil,
                structuredData: LogFormat? = nil, errorFormat: LogFormat? = nil, tag: String? = nil,
                dontLogNull: Bool = false, dontLogNormal: Bool = false, separateErrors: Bool = false,
                healthChecks: Bool = false, requestCaptures: [HeaderCapture] = [], responseCaptures: [HeaderCapture] = [],
                uniqueIDFormat: LogFormat? = nil, uniqueIDHeader: String? = nil) {
        self.targets = targets
        self.style = style
        self.format = format
        self.structuredData = structuredData
        self.errorFormat = errorFormat
        self.tag = tag
        self.dontLogNull = dontLogNull
        self.dontLogNormal = dontLogNormal
        self.separateErrors = separateErrors
        self.healthChecks = healthChecks
        self.requestCaptures = requestCaptures
        self.responseCaptures = responseCaptures
        self.uniqueIDFormat = uniqueIDFormat
        self.uniqueIDHeader = uniqueIDHeader
    }
}

/// The `global` section's logging: its targets (used by `log global`), the
/// tag and the host name written in headers.
public struct GlobalLogPlan: Sendable, Hashable, Codable {
    public var targets: [LogTarget]
    /// The `ring` sections, in the order written.
    public var rings: [RingPlan] = []
    /// `log-tag` (default `haproxy`).
    public var tag: String
    /// `log-send-hostname`: rfc3164/rfc5424 headers carry a host name.
    public var sendsHostname: Bool
    /// The name given to `log-send-hostname` (nil: the system's host name).
    public var hostname: String?

    public init(targets: [LogTarget] = [], tag: String = "haproxy", sendsHostname: Bool = false, hostname: String? = nil) {
        self.targets = targets
        self.tag = tag
        self.sendsHostname = sendsHostname
        self.hostname = hostname
    }
}

/// A `ring` section: an in-memory buffer of the last messages sent to
/// `log ring@NAME`, read with the runtime API's `show events NAME`.
public struct RingPlan: Sendable, Hashable, Codable {
    public var name: String
    /// `description` (default: the name), shown by `show events`.
    public var description: String
    /// `format` of the header stored before each message (default `raw`).
    public var format: LogTarget.HeaderFormat
    /// `maxlen`: the longest message kept, header included (default 16384, at most `size`).
    public var maxLength: Int
    /// `size`: the bytes the buffer holds; the oldest messages go first (default 16384, HAProxy's `BUFSIZE`).
    public var size: Int

    public init(name: String, description: String? = nil, format: LogTarget.HeaderFormat = .raw, maxLength: Int? = nil,
                size: Int = 16384) {
        self.name = name
        self.description = description ?? name
        self.format = format
        self.maxLength = min(maxLength ?? 16384, size)
        self.size = size
    }
}
