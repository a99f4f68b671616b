/// An address as written on `bind`, `server`, `peer`, `log` and similar
/// lines: an optional family prefix (`ipv4@`, `ipv6@`, `unix@`, `abns@`,
/// `fd@`, `sockpair@`, `udp@`…), a host (IPv4, IPv6, a name, empty or `*`
/// for any) and a port, a port range or a port offset.
public struct ConfigAddress: Sendable, Hashable, Codable {
    /// How the address reaches its peer.
    public enum Family: String, Sendable, Hashable, Codable {
        case ipv4, ipv6, hostname, any, unix, abns, fd, sockpair
    }

    /// The port part of an address.
    public enum Port: Sendable, Hashable, Codable {
        case single(Int)
        case range(Int, Int)
        /// `+N` or `-N` on a server: the client's destination port shifted.
        case offset(Int)
    }

    /// Why a text is not a valid address here.
    public enum ParseError: Error, Sendable, Equatable {
        case empty
        case unknownPrefix(String)
        case missingPort
        case invalidPort(String)
        case portRangeNotAllowed(String)
        case invalidIPv4(String)
        case invalidHost(String)
    }

    public var prefix: String?
    public var family: Family
    public var host: String
    public var port: Port?

    public init(prefix: String? = nil, family: Family, host: String, port: Port? = nil) {
        self.prefix = prefix
        self.family = family
        self.host = host
        self.port = port
    }

    static let pathPrefixes: [String: Family] = ["unix": .unix, "abns": .abns, "fd": .fd, "sockpair": .sockpair]
    static let networkPrefixes: Set<String> = [
        "ipv4", "ipv6", "udp", "udp4", "udp6", "quic4", "quic6", "tcp", "tcp4", "tcp6", "stream", "dgram",
    ]

    /// Parses one address. `portRequired` is true for `bind`; `allowRange`
    /// permits `8000-8010`; `allowOffset` permits `+1`/`-1` (servers).
    /// Works on UTF-8 bytes: this runs for every bind and server line.
    public static func parse(
        _ text: String, portRequired: Bool, allowRange: Bool, allowOffset: Bool = false
    ) -> Result<ConfigAddress, ParseError> {
        let bytes = Array(text.utf8)
        guard !bytes.isEmpty else { return .failure(.empty) }
        func string(_ slice: ArraySlice<UInt8>) -> String { String(decoding: slice, as: UTF8.self) }
        var rest = bytes[...]
        var prefix: String? = nil
        if let at = rest.firstIndex(of: UInt8(ascii: "@")) {
            let name = string(rest[..<at])
            if let family = pathPrefixes[name] {
                return .success(ConfigAddress(prefix: name, family: family, host: string(rest[(at + 1)...])))
            }
            guard networkPrefixes.contains(name) else { return .failure(.unknownPrefix(name)) }
            prefix = name
            rest = rest[(at + 1)...]
        }
        if prefix == nil, rest.first == UInt8(ascii: "/") {
            return .success(ConfigAddress(family: .unix, host: string(rest)))
        }
        var host: ArraySlice<UInt8>
        var portText: ArraySlice<UInt8>?
        if rest.first == UInt8(ascii: "["), let close = rest.firstIndex(of: UInt8(ascii: "]")) {
            host = rest[(rest.startIndex + 1)..<close]
            let after = rest[(close + 1)...]
            portText = after.first == UInt8(ascii: ":") ? after.dropFirst() : (after.isEmpty ? nil : after)
        } else if let colon = rest.lastIndex(of: UInt8(ascii: ":")) {
            host = rest[..<colon]
            portText = rest[(colon + 1)...]
        } else {
            host = rest
        }
        var port: Port? = nil
        if let portText, !portText.isEmpty {
            switch parsePort(portText, allowRange: allowRange, allowOffset: allowOffset) {
            case .success(let parsed): port = parsed
            case .failure(let error): return .failure(error)
            }
        } else if portRequired {
            return .failure(.missingPort)
        }
        switch classify(host) {
        case .success(let family): return .success(ConfigAddress(prefix: prefix, family: family, host: string(host), port: port))
        case .failure(let error): return .failure(error)
        }
    }

    static func parsePort(_ text: ArraySlice<UInt8>, allowRange: Bool, allowOffset: Bool) -> Result<Port, ParseError> {
        var whole: String { String(decoding: text, as: UTF8.self) }
        // HAProxy reads each port with atoi: it must start with a digit, and
        // what follows the leading digits is ignored without a word (`80x` is 80).
        func number(_ part: ArraySlice<UInt8>) -> Int? {
            let digits = part.prefix { $0.isDigit }
            guard !digits.isEmpty else { return nil }
            let value = digits.reduce(0) { min($0 * 10 + Int($1 - UInt8(ascii: "0")), 65536) }
            return value <= 65535 ? value : nil
        }
        if let sign = text.first, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") {
            guard allowOffset, let value = number(text.dropFirst()) else { return .failure(.invalidPort(whole)) }
            return .success(.offset(sign == UInt8(ascii: "-") ? -value : value))
        }
        if let dash = text.firstIndex(of: UInt8(ascii: "-")) {
            guard let low = number(text[..<dash]), let high = number(text[(dash + 1)...]), low <= high else {
                return .failure(.invalidPort(whole))
            }
            return allowRange ? .success(.range(low, high)) : .failure(.portRangeNotAllowed(whole))
        }
        guard let value = number(text) else { return .failure(.invalidPort(whole)) }
        return .success(.single(value))
    }

    static func classify(_ host: ArraySlice<UInt8>) -> Result<Family, ParseError> {
        var text: String { String(decoding: host, as: UTF8.self) }
        if host.isEmpty || host.elementsEqual([UInt8(ascii: "*")]) { return .success(.any) }
        if host.contains(UInt8(ascii: ":")) {
            let valid = host.allSatisfy { $0.isAlphanumeric || $0 == UInt8(ascii: ":") || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "%") }
            return valid ? .success(.ipv6) : .failure(.invalidHost(text))
        }
        if host.allSatisfy({ $0.isDigit || $0 == UInt8(ascii: ".") }) {
            // Four dot-separated octets of one to three digits, each at most 255.
            var octets = 0, digits = 0, value = 0, valid = true
            for byte in host {
                if byte == UInt8(ascii: ".") {
                    valid = valid && digits > 0 && value <= 255
                    octets += 1
                    (digits, value) = (0, 0)
                } else {
                    digits += 1
                    valid = valid && digits <= 3
                    if digits <= 3 { value = value * 10 + Int(byte - UInt8(ascii: "0")) }
                }
            }
            valid = valid && digits > 0 && value <= 255 && octets == 3
            return valid ? .success(.ipv4) : .failure(.invalidIPv4(text))
        }
        let valid = host.allSatisfy {
            $0.isAlphanumeric || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "_")
        }
        return valid ? .success(.hostname) : .failure(.invalidHost(text))
    }
}

private extension UInt8 {
    var isDigit: Bool { self >= UInt8(ascii: "0") && self <= UInt8(ascii: "9") }
    var isAlphanumeric: Bool {
        isDigit || (self | 0x20 >= UInt8(ascii: "a") && self | 0x20 <= UInt8(ascii: "z"))
    }
}
