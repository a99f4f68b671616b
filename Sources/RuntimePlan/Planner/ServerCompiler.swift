import ConfigDiagnostics
import HAProxyConfig
import RuntimePlan

/// Compiles one `server` line (with `default-server` options first).
struct ServerCompiler {
    let proxyName: String

    static let handledOptions: Set<String> = [
        "check", "no-check", "inter", "fastinter", "downinter", "rise", "fall", "port", "weight", "maxconn", "maxqueue",
        "backup", "no-backup", "disabled", "enabled", "id", "cookie",
    ]

    func compile(_ server: Server, context: inout PlanningContext) -> ServerPlan? {
        let endpoint: SocketEndpoint
        switch Self.endpoint(server.address) {
        case .success(let value): endpoint = value
        case .failure(let failure):
            context.error(PlannerMessage.serverAddress, "server '\(server.name)': \(failure.message) in '\(server.addressText ?? "")'",
                          at: server.range)
            return nil
        }
        var plan = ServerPlan(name: server.name, address: endpoint, weight: server.weight ?? 1,
                              maxconn: server.maxconn, maxqueue: server.option("maxqueue")?.value.flatMap { Int($0) },
                              backup: server.isBackup, maintenance: server.flag("disabled"), source: SourceRef(server.range))
        if plan.maxconn == 0 { plan.maxconn = nil }
        plan.cookie = server.option("cookie")?.value
        if server.checks {
            // The semantic layer's timing (the caller put the `default-server` options first).
            let timing = CheckTiming(options: server.options)
            plan.check = ServerCheckPlan(interMs: Int(timing.inter.milliseconds), fastinterMs: Int(timing.fastinter.milliseconds),
                                         downinterMs: Int(timing.downinter.milliseconds), rise: timing.rise, fall: timing.fall,
                                         port: server.option("port")?.value.flatMap { Int($0) })
        }
        plan.tls = ServerTLSCompiler(proxyName: proxyName).compile(server, context: &context)
        for option in server.options where !Self.handledOptions.contains(option.name) && !ServerTLSCompiler.options.contains(option.name) {
            let directive = Directive(keyword: "server", arguments: [server.name, option.name] + (option.value.map { [$0] } ?? []),
                                      argumentRanges: [], range: option.range)
            let feature = option.name == "ssl" || option.name.hasPrefix("ssl-") || option.name == "verify" ? "tls"
                : "server " + option.name
            context.unsupported(directive, proxy: proxyName, feature: feature)
        }
        return plan
    }

    /// Why a server address cannot be connected to.
    struct AddressError: Error {
        let message: String
    }

    /// Where the engine connects: an IP address or name with a fixed port, a Unix socket path or an abstract name.
    static func endpoint(_ address: ConfigAddress?) -> Result<SocketEndpoint, AddressError> {
        guard let address else { return .failure(AddressError(message: "no address")) }
        switch address.family {
        case .unix: return .success(.unix(path: address.host))
        case .abns: return .success(.abstract(name: address.host))
        case .fd: return .failure(AddressError(message: "a file descriptor is not acceptable here"))
        case .sockpair: return .failure(AddressError(message: "the engine does not connect over a socket pair"))
        case .ipv4, .ipv6, .hostname, .any:
            let host = address.family == .any ? (address.prefix == "ipv6" ? "::" : "0.0.0.0") : address.host
            switch address.port {
            case .single(let port)?: return .success(.inet(host: host, port: port))
            case .offset(let offset)?: return .success(.inetClientPort(host: host, offset: offset))
            case nil: return .success(.inetClientPort(host: host, offset: 0))
            case .range?: return .failure(AddressError(message: "a server takes one port, not a range"))
            }
        }
    }
}
