import ConfigDiagnostics
import HAProxyConfig
import RuntimePlan

/// Compiles the runtime API lines of `global`: `stats socket ADDRESS
/// [level L] [mode M] [uid N] [gid N] [user U] [group G] [expose-fd listeners]`,
/// `stats timeout`, `stats maxconn` and `node`.
struct StatsSocketCompiler {
    let unixBind: UnixBindDefaults

    func compile(_ global: GlobalSettings?, into plan: inout GlobalPlan, context: inout PlanningContext) {
        var sockets: [StatsSocketPlan] = []
        for directive in global?.directives ?? [] {
            switch directive.keyword {
            case "stats socket":
                context.markHandled(directive.range)
                if let socket = socket(directive, context: &context) { sockets.append(socket) }
            case "stats timeout":
                context.markHandled(directive.range)
                plan.statsTimeoutMs = directive.arguments.first.flatMap { try? Duration.parse($0).get() }.map { Int($0.milliseconds) }
            case "stats maxconn":
                context.markHandled(directive.range)
                // HAProxy reads the number with atol and refuses what is not positive.
                let value = Int(directive.arguments.first?.prefix { $0.isASCII && $0.isNumber } ?? "") ?? 0
                guard value > 0 else {
                    context.error(PlannerMessage.bindAddress, "'stats maxconn' expects a positive value", at: directive.range)
                    continue
                }
                plan.statsMaxConnections = value
            case "node":
                context.markHandled(directive.range)
                plan.node = directive.arguments.first
            default:
                continue
            }
        }
        plan.statsSockets = sockets.isEmpty ? nil : sockets
    }

    private func socket(_ directive: Directive, context: inout PlanningContext) -> StatsSocketPlan? {
        guard let text = directive.arguments.first else {
            context.error(PlannerMessage.bindAddress, "'stats socket' needs an address or a path", at: directive.range)
            return nil
        }
        guard let endpoint = endpoint(text) else {
            context.error(PlannerMessage.bindAddress, "'stats socket' cannot listen on '\(text)'", at: directive.range)
            return nil
        }
        var access = unixBind.access
        var level = StatsSocketPlan.Level.operator
        var exposesListeners: Bool?
        let words = Array(directive.arguments.dropFirst())
        var index = 0
        while index < words.count {
            let name = words[index], value = index + 1 < words.count ? words[index + 1] : nil
            index += 2
            if name == "level" {
                guard let parsed = value.flatMap(StatsSocketPlan.Level.init(rawValue:)) else {
                    context.error(PlannerMessage.bindAddress, "'level' only supports 'user', 'operator', and 'admin'", at: directive.range)
                    return nil
                }
                level = parsed
            } else if SocketFileAccess.optionNames.contains(name) {
                if let message = access.apply(name, value) {
                    context.error(PlannerMessage.bindAddress, message, at: directive.range)
                    return nil
                }
            } else if name == "expose-fd" {
                // HAProxy's only value: the listeners go to a new process that asks with `-x`.
                guard let value else {
                    context.error(PlannerMessage.bindAddress, "'expose-fd' : missing fd type", at: directive.range)
                    return nil
                }
                guard value == "listeners" else {
                    context.error(PlannerMessage.bindAddress, "'expose-fd' only supports 'listeners' (got '\(value)')", at: directive.range)
                    return nil
                }
                exposesListeners = true
            } else {
                context.unsupported(directive, proxy: nil, feature: "stats")
                index -= 1
            }
        }
        let unix: Bool = if case .unix = endpoint { true } else { false }
        return StatsSocketPlan(listen: ListenAddress(endpoint: endpoint, fileAccess: unix && !access.isEmpty ? access : nil), level: level,
                               exposesListeners: exposesListeners)
    }

    /// A Unix path (with the `unix-bind` prefix), an IP address with a port, or an inherited descriptor
    /// (`fd@N`, as VTest hands haproxy its CLI socket).
    private func endpoint(_ text: String) -> SocketEndpoint? {
        guard case .success(let address) = ConfigAddress.parse(text, portRequired: false, allowRange: false) else { return nil }
        switch address.family {
        case .unix: return address.host.isEmpty ? nil : .unix(path: unixBind.prefix + address.host)
        case .abns: return .abstract(name: address.host)
        case .ipv4, .ipv6, .hostname, .any:
            guard case .single(let port)? = address.port else { return nil }
            let host = address.family == .any ? "0.0.0.0" : address.host
            return .inet(host: host, port: port)
        case .fd: return Int(address.host).flatMap { $0 >= 0 ? .inherited(descriptor: $0) : nil }
        case .sockpair: return nil
        }
    }
}
