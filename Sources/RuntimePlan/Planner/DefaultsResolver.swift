import ConfigDiagnostics
import HAProxyConfig

/// Applies `defaults` sections to the proxies after them, as HAProxy does:
/// a proxy takes the last `defaults` section before it, or the one named by
/// `from NAME`; a `defaults` section may itself inherit with `from`.
struct DefaultsResolver {
    let fileOrder: [String]

    /// The frontends, backends and listens in reading order, each with its defaults merged in.
    func resolve(_ configuration: HAProxyConfiguration, context: inout PlanningContext) -> [Proxy] {
        let sections = (configuration.defaults + configuration.proxies).sorted { position($0.range) < position($1.range) }
        var resolvedDefaults: [Proxy] = []
        var result: [Proxy] = []
        for section in sections {
            let base = parent(of: section, among: resolvedDefaults)
            let merged = base.map { merge($0, into: section) } ?? section
            if section.kind == .defaults { resolvedDefaults.append(merged) } else { result.append(merged) }
        }
        return result
    }

    private func parent(of section: Proxy, among defaults: [Proxy]) -> Proxy? {
        if let name = section.defaultsName { return defaults.last { $0.name == name } }
        return section.kind == .defaults ? nil : defaults.last
    }

    private func position(_ range: SourceRange) -> (Int, Int) {
        (fileOrder.firstIndex(of: range.file) ?? fileOrder.count, range.start.offset)
    }

    /// The settings a proxy inherits. Check scripts (`http-check`, `tcp-check`)
    /// come from the defaults only when the proxy has none of its own.
    func merge(_ base: Proxy, into proxy: Proxy) -> Proxy {
        var result = proxy
        result.mode = proxy.mode ?? base.mode
        result.timeouts = base.timeouts.merging(proxy.timeouts) { $1 }
        result.options = base.options.merging(proxy.options) { $1 }
        result.balance = proxy.balance ?? base.balance
        result.maxconn = proxy.maxconn ?? base.maxconn
        result.defaultBackend = proxy.defaultBackend ?? base.defaultBackend
        if let inherited = base.defaultServer {
            var server = inherited
            server.options += proxy.defaultServer?.options ?? []
            result.defaultServer = server
        }
        result.rules = base.rules + proxy.rules
        let ownsChecks = proxy.directives.contains { Self.isCheckScript($0.keyword) }
        result.directives = base.directives.filter { !(ownsChecks && Self.isCheckScript($0.keyword)) } + proxy.directives
        return result
    }

    static func isCheckScript(_ keyword: String) -> Bool {
        keyword.hasPrefix("http-check") || keyword.hasPrefix("tcp-check")
    }
}
