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
    public static func parse(
        _ text: String, portRequired: Bool, allowRange: Bool, allowOffset: Bool = false
    ) -> Result<ConfigAddress, ParseError> {
        guard !text.isEmpty else { return .failure(.empty) }
        var rest = Substring(text)
        var prefix: String? = nil
        if let at = rest.firstIndex(of: "@") {
            let name = String(rest[..<at])
            if let family = pathPrefixes[name] {
                return .success(ConfigAddress(prefix: name, family: family, host: String(rest[rest.index(after: at)...])))
            }
            guard networkPrefixes.contains(name) else { return .failure(.unknownPrefix(name)) }
            prefix = name
            rest = rest[rest.index(after: at)...]
        }
        if prefix == nil, rest.hasPrefix("/") {
            return .success(ConfigAddress(family: .unix, host: String(rest)))
        }
        var host: Substring
        var portText: Substring?
        if rest.hasPrefix("["), let close = rest.firstIndex(of: "]") {
            host = rest[rest.index(after: rest.startIndex)..<close]
            let after = rest[rest.index(after: close)...]
            portText = after.hasPrefix(":") ? after.dropFirst() : (after.isEmpty ? nil : after)
        } else if let colon = rest.lastIndex(of: ":") {
            host = rest[..<colon]
            portText = rest[rest.index(after: colon)...]
        } else {
            host = rest
        }
        var port: Port? = nil
        if let portText, !portText.isEmpty {
            switch parsePort(String(portText), allowRange: allowRange, allowOffset: allowOffset) {
            case .success(let parsed): port = parsed
            case .failure(let error): return .failure(error)
            }
        } else if portRequired {
            return .failure(.missingPort)
        }
        let family: Family
        switch classify(host, prefix: prefix) {
        case .success(let found): family = found
        case .failure(let error): return .failure(error)
        }
        return .success(ConfigAddress(prefix: prefix, family: family, host: String(host), port: port))
    }

    static func parsePort(_ text: String, allowRange: Bool, allowOffset: Bool) -> Result<Port, ParseError> {
        func number(_ part: Substring) -> Int? {
            guard !part.isEmpty, part.allSatisfy({ $0.isASCII && $0.isNumber }), let value = Int(part), value <= 65535
            else { return nil }
            return value
        }
        if let sign = text.first, sign == "+" || sign == "-" {
            guard allowOffset, let value = number(text.dropFirst()) else { return .failure(.invalidPort(text)) }
            return .success(.offset(sign == "-" ? -value : value))
        }
        let bounds = text.split(separator: "-", omittingEmptySubsequences: false)
        if bounds.count == 2 {
            guard let low = number(bounds[0]), let high = number(bounds[1]), low <= high else {
                return .failure(.invalidPort(text))
            }
            return allowRange ? .success(.range(low, high)) : .failure(.portRangeNotAllowed(text))
        }
        guard let value = number(Substring(text)) else { return .failure(.invalidPort(text)) }
        return .success(.single(value))
    }

    static func classify(_ host: Substring, prefix: String?) -> Result<Family, ParseError> {
        if host.isEmpty || host == "*" { return .success(.any) }
        if host.contains(":") {
            return host.allSatisfy({ $0.isHexDigit || $0 == ":" || $0 == "." || $0 == "%" || $0.isLetter || $0.isNumber })
                ? .success(.ipv6) : .failure(.invalidHost(String(host)))
        }
        if host.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }) {
            let octets = host.split(separator: ".", omittingEmptySubsequences: false)
            guard octets.count == 4, octets.allSatisfy({ !$0.isEmpty && $0.count <= 3 && Int($0)! <= 255 }) else {
                return .failure(.invalidIPv4(String(host)))
            }
            return .success(.ipv4)
        }
        let valid = host.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "." || $0 == "_") }
        return valid ? .success(.hostname) : .failure(.invalidHost(String(host)))
    }
}
