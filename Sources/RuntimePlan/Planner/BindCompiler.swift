import ConfigDiagnostics
import HAProxyConfig
import RuntimePlan

/// Compiles the addresses of one `bind` line into listeners: IPv4 and IPv6
/// (one listener per port of a range), Unix sockets with their file's owner
/// and mode, abstract-namespace names and inherited descriptors.
struct BindCompiler {
    let unixBind: UnixBindDefaults
    /// The line's TLS termination, compiled by `BindTLSCompiler`.
    var tls: BindTLS?

    func compile(_ bind: Bind, context: inout PlanningContext) -> [ListenAddress] {
        var listeners: [ListenAddress] = []
        // HAProxy checks these options on every bind line, and applies them to Unix sockets only.
        let access = fileAccess(bind, context: &context)
        for address in bind.addresses {
            switch endpoints(address) {
            case .success(let endpoints):
                listeners += endpoints.map { endpoint in
                    guard case .unix = endpoint else { return ListenAddress(endpoint: endpoint, tls: tls) }
                    return ListenAddress(endpoint: endpoint, tls: tls, fileAccess: access)
                }
            case .failure(let failure):
                context.error(PlannerMessage.bindAddress, failure.message, at: bind.range)
            }
        }
        return listeners
    }

    /// Prefixes of datagram sockets (`log-forward`, QUIC), which a proxy's `bind` does not take.
    static let datagramPrefixes: Set<String> = ["udp", "udp4", "udp6", "quic4", "quic6", "dgram"]

    private func endpoints(_ address: ConfigAddress) -> Result<[SocketEndpoint], BindAddressError> {
        if let prefix = address.prefix, Self.datagramPrefixes.contains(prefix) {
            return .failure(BindAddressError("dgram-type address not acceptable in '\(prefix)@\(address.host)'"))
        }
        switch address.family {
        case .unix:
            guard !address.host.isEmpty else { return .failure(BindAddressError("a Unix socket needs a path")) }
            return .success([.unix(path: unixBind.prefix + address.host)])
        case .abns:
            return .success([.abstract(name: address.host)])
        case .fd:
            guard let descriptor = Int(address.host), descriptor >= 0 else {
                return .failure(BindAddressError("file descriptor '\(address.host)' is not a valid integer in 'fd@\(address.host)'"))
            }
            return .success([.inherited(descriptor: descriptor)])
        case .sockpair:
            return .failure(BindAddressError("the engine does not receive connections over a socket pair ('sockpair@\(address.host)')"))
        case .ipv4, .ipv6, .hostname, .any:
            let host = address.family == .any ? (address.prefix == "ipv6" ? "::" : "0.0.0.0") : address.host
            switch address.port {
            case .single(let port)?: return .success([.inet(host: host, port: port)])
            case .range(let low, let high)?: return .success((low...high).map { .inet(host: host, port: $0) })
            case .offset?: return .failure(BindAddressError("a bind needs a port, not an offset"))
            case nil: return .failure(BindAddressError("missing port specification in '\(address.host)'"))
            }
        }
    }

    /// `unix-bind` defaults, then the `mode`, `uid`, `user`, `gid`, `group` options of the line, the last one winning.
    private func fileAccess(_ bind: Bind, context: inout PlanningContext) -> SocketFileAccess? {
        var access = unixBind.access
        for option in bind.options {
            if let message = access.apply(option.name, option.value) {
                context.error(PlannerMessage.bindAddress, message, at: option.range)
            }
        }
        return access.isEmpty ? nil : access
    }
}

/// Why a bind address cannot be listened on.
private struct BindAddressError: Error {
    let message: String
    init(_ message: String) { self.message = message }
}

/// `unix-bind` in `global`: a prefix for every Unix socket path of a `bind`,
/// and the default owner and mode of those sockets.
struct UnixBindDefaults {
    var prefix = ""
    var access = SocketFileAccess()

    /// Reads `unix-bind prefix P mode M user U uid N group G gid N`; errors go to `context`.
    init(_ global: GlobalSettings?, context: inout PlanningContext) {
        for directive in global?.directives ?? [] where directive.keyword == "unix-bind" {
            context.markHandled(directive.range)
            var index = 0
            let words = directive.arguments
            while index < words.count {
                let value = index + 1 < words.count ? words[index + 1] : nil
                if words[index] == "prefix", let value {
                    prefix = value
                } else if let message = access.apply(words[index], value) {
                    context.error(PlannerMessage.bindAddress, message, at: directive.range)
                } else if !SocketFileAccess.optionNames.contains(words[index]) {
                    context.error(PlannerMessage.bindAddress,
                                  "'unix-bind' only supports the 'prefix', 'mode', 'uid', 'gid', 'user' and 'group' options",
                                  at: directive.range)
                }
                index += 2
            }
        }
    }

    init() {}
}

extension SocketFileAccess {
    /// The `bind` and `unix-bind` options that set a socket file's owner and mode.
    static let optionNames: Set<String> = ["mode", "uid", "user", "gid", "group"]

    /// Applies one option if it is `mode`, `uid`, `user`, `gid` or `group`; the message when its value is invalid.
    mutating func apply(_ name: String, _ value: String?) -> String? {
        guard Self.optionNames.contains(name) else { return nil }
        guard let value, !value.isEmpty else { return "'\(name)' needs a value" }
        switch name {
        case "mode":
            guard let bits = Int(value, radix: 8), bits >= 0, bits <= 0o7777 else {
                return "missing or invalid mode '\(value)' (octal integer expected)"
            }
            mode = bits
        // HAProxy reads a uid or gid with atoi, so a word that is not a number silently means
        // root; a plan refuses it instead.
        case "uid", "gid":
            guard let number = Int(value), number >= 0 else { return "'\(name)' needs a number, not '\(value)'" }
            if name == "uid" { owner = .id(number) } else { group = .id(number) }
        case "user": owner = .name(value)
        default: group = .name(value)
        }
        return nil
    }
}
