import RuntimePlan

/// Reads the words of a `log` line (`10.0.0.1:514 len 2048 format rfc5424
/// sample 1:10 local0 info notice`) into a `LogTarget`, with HAProxy's
/// messages for what it refuses (src/log.c `parse_logsrv`).
enum LogTargetCompiler {
    /// Why a `log` line is not run.
    enum Failure: Error, Equatable {
        /// HAProxy refuses the line.
        case invalid(String)
        /// A valid form the engine does not run (`ring@…` of no `ring` section).
        case unsupported
    }

    /// `rings`: the `ring` sections a `ring@NAME` target may name; the ring's format and `maxlen` are the target's.
    static func compile(_ words: [String], rings: [RingPlan] = []) -> Result<LogTarget, Failure> {
        guard let address = words.first else { return .failure(.invalid("'log' expects either <address[:port]> and <facility> or 'global' as arguments.")) }
        var index = 1
        var length = 1024
        var format = LogTarget.HeaderFormat.local
        var sample: LogSample?
        while index + 1 < words.count {
            switch words[index] {
            case "len":
                guard let value = Int(words[index + 1]), (80...65535).contains(value) else {
                    return .failure(.invalid("'len' expects a value between 80 and 65535, not '\(words[index + 1])'."))
                }
                length = value
            case "format":
                guard let value = LogTarget.HeaderFormat(rawValue: words[index + 1]) else {
                    return .failure(.invalid("unknown log format '\(words[index + 1])'"))
                }
                format = value
            case "sample":
                guard let value = parseSample(words[index + 1]) else {
                    return .failure(.invalid("invalid sample definition '\(words[index + 1])'"))
                }
                sample = value
            default:
                break
            }
            guard ["len", "format", "sample"].contains(words[index]) else { break }
            index += 2
        }
        guard index < words.count else { return .failure(.invalid("missing log facility")) }
        guard let facility = LogTarget.facilities.firstIndex(of: words[index]) else {
            return .failure(.invalid("unknown log facility '\(words[index])'"))
        }
        var levels: [Int] = []
        for word in words.dropFirst(index + 1).prefix(2) {
            guard let level = LogTarget.levels.firstIndex(of: word) else { return .failure(.invalid("unknown optional log level '\(word)'")) }
            levels.append(level)
        }
        if words.count > index + 3 { return .failure(.invalid("cannot handle unexpected argument '\(words[index + 3])'.")) }
        if address.hasPrefix("ring@") {
            guard let ring = rings.first(where: { "ring@" + $0.name == address }) else { return .failure(.unsupported) }
            // The message is stored without the line feed the other targets end it with.
            return .success(LogTarget(destination: .ring(ring.name), format: ring.format, facility: facility, maxLevel: levels.first ?? 7,
                                      minLevel: levels.dropFirst().first ?? 0, length: ring.maxLength + 1, sample: sample))
        }
        guard let destination = destination(address) else {
            return .failure(.invalid("unknown log address '\(address)'"))
        }
        return .success(LogTarget(destination: destination, format: format, facility: facility, maxLevel: levels.first ?? 7,
                                  minLevel: levels.dropFirst().first ?? 0, length: length, sample: sample))
    }

    /// `stdout`, `stderr`, `fd@N`, a path (unix datagram), `unix@PATH`, `[ipv6]:port`, `ipv4@`/`ipv6@`/`udp@` prefixes, `host[:port]`.
    static func destination(_ text: String) -> LogTarget.Destination? {
        switch text {
        case "stdout": return .fileDescriptor(1)
        case "stderr": return .fileDescriptor(2)
        default: break
        }
        if text.hasPrefix("fd@") { return Int32(text.dropFirst(3)).map { .fileDescriptor($0) } }
        if text.hasPrefix("/") { return .unixDatagram(path: text) }
        if text.hasPrefix("unix@") { return .unixDatagram(path: String(text.dropFirst(5))) }
        var rest = text
        for prefix in ["udp4@", "udp6@", "udp@", "ipv4@", "ipv6@"] where rest.hasPrefix(prefix) {
            rest = String(rest.dropFirst(prefix.count))
        }
        if rest.contains("@") || rest.isEmpty { return nil }
        if rest.hasPrefix("[") {
            guard let close = rest.firstIndex(of: "]") else { return nil }
            let host = String(rest[rest.index(after: rest.startIndex)..<close])
            let tail = rest[rest.index(after: close)...]
            guard tail.isEmpty || tail.hasPrefix(":") else { return nil }
            guard let port = tail.isEmpty ? 514 : Int(tail.dropFirst()), (1...65535).contains(port) else { return nil }
            return .udp(host: host, port: port)
        }
        let colons = rest.filter { $0 == ":" }.count
        if colons > 1 {
            // An IPv6 address without brackets: HAProxy reads the part after the last colon as the port.
            guard let last = rest.lastIndex(of: ":"), let port = Int(rest[rest.index(after: last)...]), (1...65535).contains(port) else {
                return .udp(host: rest, port: 514)
            }
            return .udp(host: String(rest[..<last]), port: port)
        }
        if colons == 1, let last = rest.lastIndex(of: ":") {
            guard let port = Int(rest[rest.index(after: last)...]), (1...65535).contains(port) else { return nil }
            return .udp(host: String(rest[..<last]), port: port)
        }
        return .udp(host: rest, port: 514)
    }

    /// `1,3-4:5`.
    static func parseSample(_ text: String) -> LogSample? {
        let halves = text.split(separator: ":")
        guard halves.count == 2, let size = Int(halves[1]), size > 0 else { return nil }
        var ranges: [ClosedRange<Int>] = []
        for item in halves[0].split(separator: ",") {
            let bounds = item.split(separator: "-").map { Int($0) }
            guard let low = bounds.first ?? nil, low >= 1 else { return nil }
            let high = bounds.count == 2 ? (bounds[1] ?? 0) : low
            guard bounds.count <= 2, high >= low, high <= size else { return nil }
            ranges.append(low...high)
        }
        return ranges.isEmpty ? nil : LogSample(ranges: ranges, size: size)
    }
}
