/// One `%` variable of HAProxy's log-format language (`%ci`, `%{+Q}r`,
/// `%Tw`…) with the flags written before it (doc/configuration.txt 8.2.4).
public struct LogVariable: Sendable, Hashable, Codable {
    /// The variables the engine renders, named as HAProxy names them.
    public enum Code: String, Sendable, Hashable, Codable, CaseIterable {
        case clientIP = "ci", clientPort = "cp", frontendIP = "fi", frontendPort = "fp"
        case backendSourceIP = "bi", backendSourcePort = "bp", serverIP = "si", serverPort = "sp"
        case frontend = "f", frontendTransport = "ft", backend = "b", server = "s"
        case acceptDate = "t", requestDate = "tr", acceptDateGMT = "T", requestDateGMT = "trg"
        case acceptDateLocal = "Tl", requestDateLocal = "trl", epoch = "Ts", milliseconds = "ms"
        case handshakeTime = "Th", idleTime = "Ti", requestTime = "TR", requestTotalTime = "Tq"
        case queueTime = "Tw", connectTime = "Tc", responseTime = "Tr", dataTime = "Td"
        case activeTime = "Ta", totalTime = "Tt", userTime = "Tu"
        case status = "ST", bytesOut = "B", bytesIn = "U", clientCookie = "CC", serverCookie = "CS"
        case terminationState = "ts", terminationStateCookies = "tsc"
        case activeConnections = "ac", frontendConnections = "fc", backendConnections = "bc", serverConnections = "sc"
        case retries = "rc", serverQueue = "sq", backendQueue = "bq"
        case requestHeaders = "hr", requestHeaderList = "hrl", responseHeaders = "hs", responseHeaderList = "hsl"
        case requestLine = "r", method = "HM", uri = "HU", path = "HP", pathOnly = "HPO", query = "HQ", version = "HV"
        case uniqueID = "ID", requestCounter = "rt", logCounter = "lc", pid, hostname = "H"
        case sslCipher = "sslc", sslVersion = "sslv"

        /// Variables HAProxy reserves for `mode http` proxies.
        public var httpOnly: Bool {
            switch self {
            case .requestDate, .requestDateGMT, .requestDateLocal, .idleTime, .requestTime, .requestTotalTime,
                 .responseTime, .activeTime, .requestLine, .method, .uri, .path, .pathOnly, .query, .version:
                true
            default: false
            }
        }
    }

    /// The `%{…}` flags: `+Q` quotes, `+X` prints numbers in hexadecimal, `+E` escapes `"\]`.
    public struct Flags: Sendable, Hashable, Codable {
        public var quote: Bool
        public var hex: Bool
        public var escape: Bool
        /// `M`: an empty value prints `-` (set for log lines, as HAProxy does).
        public var mandatory: Bool

        public init(quote: Bool = false, hex: Bool = false, escape: Bool = false, mandatory: Bool = true) {
            self.quote = quote
            self.hex = hex
            self.escape = escape
            self.mandatory = mandatory
        }
    }

    public var code: Code
    public var flags: Flags

    public init(_ code: Code, flags: Flags = Flags()) {
        self.code = code
        self.flags = flags
    }
}
