import Foundation
import NIOCore
import RuntimePlan

/// The process-wide facts a log line may print besides the transaction:
/// names, connection counts (read when the line is built), pid and host
/// name. A value holding references only, so making one per line allocates nothing.
struct LogLineSurroundings {
    let engine: EngineContext
    var frontend: String
    /// In TCP mode `%Td` counts from the connection to the server, not from a response head.
    var isTCP: Bool
    var pid: Int32
    var hostname: String
    var logCounter: Int
    /// The number of `capture request|response header` slots of the frontend.
    var requestCaptureCount: Int
    var responseCaptureCount: Int
    /// `option logasap`: `%B`, `%Ta`, `%Tt` and `%Tu` are written after a `+` (they may grow after the line).
    var logAsap = false

    func backendName(_ backend: Int) -> String { engine.plan.backends[backend].name }
    func serverName(_ backend: Int, _ server: Int) -> String { engine.plan.backends[backend].servers[server].name }
    /// `%ac`, `%fc`, `%bc` for a backend, `%sc` for a server.
    func activeConnections() -> Int { engine.connections.openCount }
    func frontendConnections() -> Int { engine.connections.openCount(frontend: frontend) }
    func backendConnections(_ backend: Int) -> Int {
        let state = engine.backends[backend]
        return state.servers.indices.reduce(0) { $0 + state.active($1) }
    }
    func serverConnections(_ backend: Int, _ server: Int) -> Int { engine.backends[backend].active(server) }
}

/// Builds a log line from a `LogFormat` and a `TransactionLog`, as HAProxy's
/// `sess_build_logline` does: `-` for an empty value (`""` when quoted), one
/// space for a run of separators, `#XX` encoding in `%r` and captures,
/// dates in HAProxy's layouts.
struct LogLineRenderer {
    let surroundings: LogLineSurroundings

    func render(_ format: LogFormat, _ log: TransactionLog, limit: Int) -> [UInt8] {
        var log = log
        // `cur_server_timeout` and `cur_tunnel_timeout` read the backend's once the server connection was made.
        if log.connectMs >= 0 { log.facts?.timeouts.serverConnected = true }
        var out: [UInt8] = []
        out.reserveCapacity(256)
        var lastIsSpace = true
        for part in format.parts {
            switch part {
            case .separator:
                if !lastIsSpace { out.append(32) }
                lastIsSpace = true
                continue
            case .literal(let text):
                out.append(contentsOf: text.utf8)
            case .fetch(let fetch):
                text(&out, log.facts.flatMap { fetch.value($0)?.stringValue }, LogVariable.Flags())
            case .flaggedFetch(let fetch, let flags):
                text(&out, log.facts.flatMap { fetch.value($0)?.stringValue }, flags)
            case .unavailable:
                text(&out, nil, LogVariable.Flags())
            case .variable(let variable):
                if !append(variable, log, &out) { continue }
            }
            lastIsSpace = false
            if out.count >= limit { break }
        }
        if out.count > limit { out.removeLast(out.count - limit) }
        return out
    }

    /// Appends one variable; false when it printed nothing and leaves the separator state alone (`%hr` without captures).
    private func append(_ variable: LogVariable, _ log: TransactionLog, _ out: inout [UInt8]) -> Bool {
        let flags = variable.flags
        switch variable.code {
        case .clientIP: text(&out, log.client?.ipAddress, flags)
        case .clientPort: number(&out, log.client?.port, flags)
        case .frontendIP: text(&out, log.local?.ipAddress, flags)
        case .frontendPort: number(&out, log.local?.port, flags)
        case .backendSourceIP: text(&out, log.serverSource?.ipAddress, flags)
        case .backendSourcePort: number(&out, log.serverSource?.port, flags)
        case .serverIP: text(&out, log.serverAddress?.ipAddress, flags)
        case .serverPort: number(&out, log.serverAddress?.port, flags)
        case .frontend, .frontendTransport: text(&out, surroundings.frontend, flags)
        case .backend: text(&out, log.backend.map { surroundings.backendName($0) } ?? surroundings.frontend, flags)
        case .server:
            let name = log.backend.flatMap { backend in log.server.map { surroundings.serverName(backend, $0) } }
            text(&out, name ?? log.applet ?? "<NOSRV>", flags)
        case .acceptDate: LogDates.appendLegacy(&out, log.acceptSeconds, log.acceptMicroseconds / 1000)
        case .requestDate, .requestDateGMT, .requestDateLocal:
            let shifted = log.acceptSeconds * 1000 + log.acceptMicroseconds / 1000 + log.idleMs + log.handshakeMs
            switch variable.code {
            case .requestDate: LogDates.appendLegacy(&out, shifted / 1000, shifted % 1000)
            case .requestDateGMT: LogDates.appendGMT(&out, shifted / 1000)
            default: LogDates.appendLocal(&out, shifted / 1000)
            }
        case .acceptDateGMT: LogDates.appendGMT(&out, log.acceptSeconds)
        case .acceptDateLocal: LogDates.appendLocal(&out, log.acceptSeconds)
        case .epoch: out.append(contentsOf: (flags.hex ? String(format: "%04X", log.acceptSeconds) : String(log.acceptSeconds)).utf8)
        case .milliseconds:
            let ms = log.acceptMicroseconds / 1000
            out.append(contentsOf: (flags.hex ? String(format: "%02X", ms) : String(format: "%03d", ms)).utf8)
        case .handshakeTime: integer(&out, log.handshakeMs)
        case .idleTime: integer(&out, log.idleMs)
        case .requestTime: integer(&out, log.requestMs >= 0 ? log.requestMs - log.idleMs - log.handshakeMs : -1)
        case .requestTotalTime: integer(&out, log.requestMs)
        case .queueTime: integer(&out, log.queueMs >= 0 ? log.queueMs - log.requestMs : -1)
        case .connectTime: integer(&out, log.connectMs >= 0 ? log.connectMs - log.queueMs : -1)
        case .responseTime: integer(&out, log.dataMs >= 0 ? log.dataMs - log.connectMs : -1)
        case .dataTime:
            let start = surroundings.isTCP ? log.connectMs : log.dataMs
            integer(&out, start >= 0 ? log.closeMs - start : -1)
        case .activeTime: growing(&out, log.closeMs - log.idleMs - log.handshakeMs)
        case .totalTime: growing(&out, log.closeMs)
        case .userTime: growing(&out, log.closeMs - log.idleMs)
        case .status: integer(&out, log.status)
        case .bytesOut: growing(&out, Int(log.bytesOut))
        case .bytesIn: integer(&out, Int(log.bytesIn))
        case .clientCookie: text(&out, log.clientCookie, flags)
        case .serverCookie: text(&out, log.serverCookie, flags)
        case .terminationState:
            out.append(log.cause.rawValue)
            out.append(log.phase.rawValue)
        case .terminationStateCookies:
            out.append(log.cause.rawValue)
            out.append(log.phase.rawValue)
            out.append(contentsOf: "--".utf8)
        case .activeConnections: integer(&out, surroundings.activeConnections())
        case .frontendConnections: integer(&out, surroundings.frontendConnections())
        case .backendConnections: integer(&out, log.backend.map { surroundings.backendConnections($0) } ?? 0)
        case .serverConnections:
            integer(&out, log.backend.flatMap { backend in log.server.map { surroundings.serverConnections(backend, $0) } } ?? 0)
        case .retries:
            if log.redispatched { out.append(43) }
            integer(&out, log.retries)
        case .serverQueue: integer(&out, log.serverQueue)
        case .backendQueue: integer(&out, log.backendQueue)
        case .requestHeaders, .responseHeaders:
            let request = variable.code == .requestHeaders
            guard (request ? surroundings.requestCaptureCount : surroundings.responseCaptureCount) > 0 else { return false }
            let values = request ? log.requestCaptures : log.responseCaptures
            let count = request ? surroundings.requestCaptureCount : surroundings.responseCaptureCount
            if flags.quote { out.append(34) }
            out.append(123)
            for position in 0..<count {
                if position > 0 { out.append(124) }
                if position < values.count, let value = values[position] { Self.encode(&out, value, Self.headerEncoded) }
            }
            out.append(125)
            if flags.quote { out.append(34) }
        case .requestHeaderList, .responseHeaderList:
            let request = variable.code == .requestHeaderList
            guard (request ? surroundings.requestCaptureCount : surroundings.responseCaptureCount) > 0 else { return false }
            let values = request ? log.requestCaptures : log.responseCaptures
            let count = request ? surroundings.requestCaptureCount : surroundings.responseCaptureCount
            for position in 0..<count {
                let value = position < values.count ? values[position] : nil
                if position > 0 { out.append(32) }
                if flags.quote { out.append(34) }
                if let value { Self.encode(&out, value, Self.headerEncoded) } else if !flags.quote { out.append(45) }
                if flags.quote { out.append(34) }
            }
        case .requestLine:
            if flags.quote { out.append(34) }
            Self.encode(&out, log.requestLine ?? "<BADREQ>", Self.urlEncoded)
            if flags.quote { out.append(34) }
        case .method, .uri, .path, .pathOnly, .query, .version:
            if flags.quote { out.append(34) }
            Self.encode(&out, requestPart(variable.code, log.requestLine), Self.urlEncoded)
            if flags.quote { out.append(34) }
        case .uniqueID: text(&out, log.uniqueID, flags)
        case .requestCounter: out.append(contentsOf: (flags.hex ? String(format: "%04X", log.requestCounter) : String(log.requestCounter)).utf8)
        case .logCounter: integer(&out, surroundings.logCounter)
        case .pid: out.append(contentsOf: (flags.hex ? String(format: "%04X", surroundings.pid) : String(surroundings.pid)).utf8)
        case .hostname: text(&out, surroundings.hostname, flags)
        // Clear connections have no TLS cipher or version (the TLS engineer fills these).
        case .sslCipher, .sslVersion: text(&out, nil, flags)
        }
        return true
    }

    /// `%HM`, `%HU`, `%HP`, `%HPO`, `%HQ`, `%HV` from the request line.
    private func requestPart(_ code: LogVariable.Code, _ line: String?) -> String {
        guard let line else { return "<BADREQ>" }
        let words = line.split(separator: " ", omittingEmptySubsequences: true)
        guard words.count >= 2 else { return "<BADREQ>" }
        let target = words[1]
        switch code {
        case .method: return String(words[0])
        case .uri: return String(target)
        case .path: return String(target.prefix { $0 != "?" })
        case .pathOnly:
            var path = target.prefix { $0 != "?" }
            if let scheme = path.range(of: "://") {
                path = path[scheme.upperBound...].drop { $0 != "/" }
            }
            return String(path)
        case .query:
            guard let mark = target.firstIndex(of: "?") else { return "" }
            return String(target[mark...])
        default: return words.count >= 3 ? String(words[2]) : "HTTP/0.9"
        }
    }

    private func text(_ out: inout [UInt8], _ value: String?, _ flags: LogVariable.Flags) {
        if flags.quote { out.append(34) }
        if let value, !value.isEmpty {
            if flags.escape {
                for byte in value.utf8 {
                    if byte == 34 || byte == 92 || byte == 93 { out.append(92) }
                    out.append(byte)
                }
            } else {
                out.append(contentsOf: value.utf8)
            }
        } else if flags.mandatory, !flags.quote {
            out.append(45)
        }
        if flags.quote { out.append(34) }
    }

    private func number(_ out: inout [UInt8], _ value: Int?, _ flags: LogVariable.Flags) {
        guard let value else { return text(&out, nil, flags) }
        out.append(contentsOf: (flags.hex ? String(format: "%04X", value) : String(value)).utf8)
    }

    private func integer(_ out: inout [UInt8], _ value: Int) { Self.appendInteger(&out, value) }

    /// A total that may still grow after the line: `+` first under `option logasap`.
    private func growing(_ out: inout [UInt8], _ value: Int) {
        if surroundings.logAsap { out.append(UInt8(ascii: "+")) }
        Self.appendInteger(&out, value)
    }

    /// Appends the decimal digits of `value`, without building a string.
    static func appendInteger(_ out: inout [UInt8], _ value: Int) {
        if value < 0 { out.append(45) }
        var magnitude = value.magnitude
        var divisor: UInt = 1
        while divisor <= magnitude / 10 { divisor *= 10 }
        repeat {
            out.append(48 + UInt8(magnitude / divisor))
            magnitude %= divisor
            divisor /= 10
        } while divisor > 0
    }

    /// Bytes printed as `#XX` in `%r` (controls, DEL and above, `"`, `#`).
    static let urlEncoded: [Bool] = (0..<256).map { $0 < 32 || $0 >= 127 || $0 == 34 || $0 == 35 }
    /// Bytes printed as `#XX` in captured headers (also `{`, `|`, `}`).
    static let headerEncoded: [Bool] = (0..<256).map { urlEncoded[$0] || $0 == 123 || $0 == 124 || $0 == 125 }

    private static let hexDigits = Array("0123456789ABCDEF".utf8)

    static func encode(_ out: inout [UInt8], _ value: String, _ map: [Bool]) {
        for byte in value.utf8 {
            if map[Int(byte)] {
                out.append(35)
                out.append(hexDigits[Int(byte >> 4)])
                out.append(hexDigits[Int(byte & 15)])
            } else {
                out.append(byte)
            }
        }
    }
}
