import RuntimePlan

/// The runtime API's commands on one server: `set server B/S state|weight`,
/// `enable|disable server`, `enable|disable health`, with HAProxy's messages.
struct ServerCommands {
    let engine: EngineContext

    /// A `backend/server` target resolved, or HAProxy's message why not.
    enum Lookup {
        case found(backend: Int, server: Int)
        case failed(String)
    }

    /// Finds `B/S`; either side may be `#id` (the proxy's or the server's number).
    func find(_ target: String) -> Lookup {
        guard let slash = target.firstIndex(of: "/") else { return .failed(CLIText.requireBackendServer) }
        let backendName = String(target[..<slash]), serverName = String(target[target.index(after: slash)...])
        let sections = ProxySections(plan: engine.plan).all
        let backend = backendName.hasPrefix("#")
            ? sections.first { "#\($0.id)" == backendName }?.backend
            : engine.plan.backends.firstIndex { $0.name == backendName }
        guard let backend else { return .failed(CLIText.noSuchBackend) }
        let servers = engine.plan.backends[backend].servers
        let server = serverName.hasPrefix("#")
            ? Int(serverName.dropFirst()).flatMap { $0 >= 1 && $0 <= servers.count ? $0 - 1 : nil }
            : servers.firstIndex { $0.name == serverName }
        guard let server else { return .failed(CLIText.noSuchServer) }
        return .found(backend: backend, server: server)
    }

    /// `set server B/S state ready|drain|maint` and `set server B/S weight W[%]`.
    func setServer(_ words: [String]) -> String {
        guard let target = words.first else { return CLIText.requireBackendServer }
        let backend: Int, server: Int
        switch find(target) {
        case .failed(let message): return message
        case .found(let foundBackend, let foundServer): (backend, server) = (foundBackend, foundServer)
        }
        let option = words.count > 1 ? words[1] : ""
        let value = words.count > 2 ? words[2] : ""
        switch option {
        case "state":
            switch value {
            case "ready": engine.backends[backend].apply(.ready, to: server)
            case "drain": engine.backends[backend].apply(.drain, to: server)
            case "maint": engine.backends[backend].apply(.maint, to: server)
            default: return CLIText.stateExpected
            }
            return ""
        case "weight":
            let initial = engine.plan.backends[backend].servers[server].weight
            switch Self.weight(value, initial: initial) {
            case .success(let weight):
                engine.backends[backend].apply(.weight(weight), to: server)
                return ""
            case .failure(let error):
                return error.message
            }
        case "addr":
            return setAddress(backend, server, Array(words.dropFirst(2)))
        case "health":
            return value == "up" || value == "down" || value == "stopping" ? healthForced(backend, server, up: value == "up") : ""
        default:
            return CLIText.setServerUsage
        }
    }

    /// `enable|disable health B/S`.
    func health(_ target: String, enable: Bool) -> String {
        switch find(target) {
        case .failed(let message): return message
        case .found(let backend, let server):
            if enable, engine.plan.backends[backend].servers[server].check == nil { return CLIText.healthNotConfigured }
            engine.backends[backend].apply(enable ? .enableChecks : .disableChecks, to: server)
            return ""
        }
    }

    /// `set server B/S addr IP [port P]`, with HAProxy's messages.
    private func setAddress(_ backend: Int, _ server: Int, _ words: [String]) -> String {
        guard let host = words.first else { return CLIText.addressRequired }
        guard IPAddressBytes(host) != nil else { return "Invalid addr '\(host)' by 'stats socket command'\n" }
        let current = engine.backends[backend].address(server)
        let (oldHost, oldPort): (String, Int?) = switch current {
        case .inet(let host, let port): (host, port)
        case .inetClientPort(let host, _): (host, nil)
        default: ("\(current)", nil)
        }
        var port = oldPort
        if words.count >= 3, words[1] == "port" {
            guard let value = Int(words[2]), (1...65535).contains(value) else { return "Invalid port '\(words[2])' by 'stats socket command'\n" }
            port = value
        }
        var changes: [String] = []
        if host != oldHost { changes.append("IP changed from '\(oldHost)' to '\(host)'") }
        if port != oldPort, let port { changes.append("port changed from '\(oldPort.map(String.init) ?? "0")' to '\(port)'") }
        guard !changes.isEmpty else { return "no need to change the addr by 'stats socket command'\n" }
        let address: SocketEndpoint = if let port { .inet(host: host, port: port) } else { .inetClientPort(host: host, offset: 0) }
        engine.backends[backend].apply(.address(address), to: server)
        return changes.joined(separator: ", ") + " by 'stats socket command'\n"
    }

    private func healthForced(_ backend: Int, _ server: Int, up: Bool) -> String {
        engine.backends[backend].setUp(server, up)
        return ""
    }

    /// Why a weight is refused, in HAProxy's words.
    struct WeightError: Error {
        let message: String
    }

    /// HAProxy's `server_parse_weight_change_request`: `W` (0-256) or `P%` of the initial weight, truncated.
    static func weight(_ text: String, initial: Int) -> Result<Int, WeightError> {
        guard !text.isEmpty else { return .failure(WeightError(message: CLIText.weightRequired)) }
        if text.hasSuffix("%") {
            guard let percent = Int(text.dropLast()), percent >= 0 else { return .failure(WeightError(message: CLIText.relativeWeight)) }
            return .success(min(256, initial * percent / 100))
        }
        guard let weight = Int(text), (0...256).contains(weight) else { return .failure(WeightError(message: CLIText.weightRange)) }
        return .success(weight)
    }
}
