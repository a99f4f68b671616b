import ConfigDiagnostics
import HAProxyConfig

/// Compiles one `server` line (with `default-server` options first).
struct ServerCompiler {
    let proxyName: String

    static let handledOptions: Set<String> = [
        "check", "no-check", "inter", "fastinter", "downinter", "rise", "fall", "port", "weight", "maxconn", "maxqueue",
        "backup", "no-backup", "disabled", "enabled", "id",
    ]

    func compile(_ server: Server, context: inout PlanningContext) -> ServerPlan? {
        guard let address = server.address, address.family != .unix, address.family != .abns,
              case .single(let port)? = address.port else {
            context.error(PlannerMessage.serverAddress,
                          "server '\(server.name)': the engine needs a host and a fixed port, not '\(server.addressText ?? "")'",
                          at: server.range)
            return nil
        }
        var plan = ServerPlan(name: server.name, host: address.host, port: port, weight: server.weight ?? 1,
                              maxconn: server.maxconn, maxqueue: server.option("maxqueue")?.value.flatMap { Int($0) },
                              backup: server.isBackup, maintenance: server.flag("disabled"), source: SourceRef(server.range))
        if plan.maxconn == 0 { plan.maxconn = nil }
        if server.checks {
            func interval(_ name: String) -> Int? {
                server.option(name)?.value.flatMap { try? Duration.parse($0).get() }.map { Int($0.milliseconds) }
            }
            plan.check = ServerCheckPlan(interMs: interval("inter") ?? 2000, fastinterMs: interval("fastinter"),
                                         downinterMs: interval("downinter"), rise: server.rise ?? 2, fall: server.fall ?? 3,
                                         port: server.option("port")?.value.flatMap { Int($0) })
        }
        for option in server.options where !Self.handledOptions.contains(option.name) {
            let directive = Directive(keyword: "server", arguments: [server.name, option.name] + (option.value.map { [$0] } ?? []),
                                      argumentRanges: [], range: option.range)
            let feature = option.name == "ssl" || option.name.hasPrefix("ssl-") || option.name == "verify" ? "tls"
                : "server " + option.name
            context.unsupported(directive, proxy: proxyName, feature: feature)
        }
        return plan
    }
}
