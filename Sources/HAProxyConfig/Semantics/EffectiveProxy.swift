import ConfigDiagnostics

/// A proxy with what it inherits from its `defaults` chain resolved, the
/// way HAProxy copies a defaults section into each proxy that follows it: a
/// proxy takes the last `defaults` section before it, or the one named by
/// `from NAME`, and a `defaults` section may itself inherit with `from`
/// (`Proxy.defaultsIndex`, set by lowering). The checker's rules read its
/// layers; the planner reads `merged`.
/// A class: rules pass it around for every proxy of configs with tens of
/// thousands of them, and a reference costs one retain where the struct
/// would copy every field.
public final class EffectiveProxy: Sendable {
    public let proxy: Proxy
    /// The defaults sections it inherits, nearest first.
    public let chain: [Proxy]
    /// `default-server` options in force, the defaults' first, so a later one wins (read once: rules ask per server).
    public let defaultServerOptions: [NamedOption]

    public init(_ proxy: Proxy, in configuration: HAProxyConfiguration) {
        self.proxy = proxy
        var chain: [Proxy] = []
        var next = proxy.defaultsIndex
        while let index = next, configuration.defaults.indices.contains(index), chain.count < configuration.defaults.count {
            let defaults = configuration.defaults[index]
            chain.append(defaults)
            next = defaults.defaultsIndex
        }
        self.chain = chain
        defaultServerOptions = ([proxy] + chain).reversed().flatMap { $0.defaultServer?.options ?? [] }
    }

    /// The first value a layer gives, the proxy's own first, then its defaults nearest first.
    private func first<Value>(_ value: (Proxy) -> Value?) -> Value? {
        if let own = value(proxy) { return own }
        for defaults in chain { if let inherited = value(defaults) { return inherited } }
        return nil
    }

    public var name: String { proxy.name ?? "defaults" }

    /// The mode in force; HAProxy's default is tcp.
    public var mode: Proxy.Mode { first(\.mode) ?? .tcp }

    /// Whether the mode is written in the proxy or a defaults section.
    public var modeIsExplicit: Bool { first(\.mode) != nil }

    /// A timeout in force, by name (`connect`, `client`, `server`, …).
    public func timeout(_ name: String) -> Duration? { first { $0.timeouts[name] } }

    /// The `timeout NAME` line in force.
    public func timeoutDirective(_ name: String) -> Directive? { directive("timeout " + name) }

    /// Whether `option NAME` is in force: true, false for `no option NAME`, nil when never set.
    public func option(_ name: String) -> Bool? { first { $0.options[name] } }

    /// The last line with a keyword, in the proxy or else its defaults.
    public func directive(_ keyword: String) -> Directive? {
        first { $0.directives.last { $0.keyword == keyword } }
    }

    /// `balance` in force.
    public var balance: [String]? { first(\.balance) }

    /// The value of a server option, inherited from `default-server` when the line does not set it.
    public func option(_ name: String, of server: Server) -> NamedOption? {
        server.options.last { $0.name == name } ?? defaultServerOptions.last { $0.name == name }
    }

    /// Whether a server flag (`check`, `backup`, `ssl`) is in force, `no-FLAG` cancelling it.
    public func flag(_ name: String, of server: Server) -> Bool {
        let negated = "no-" + name
        let matches: (NamedOption) -> Bool = { $0.name == name || $0.name == negated }
        return (server.options.last(where: matches) ?? defaultServerOptions.last(where: matches))?.name == name
    }

    /// The proxy as one section with its defaults copied in, farthest first: what the planner compiles.
    public var merged: Proxy {
        guard let farthest = chain.last else { return proxy }
        return (chain.dropLast().reversed() + [proxy]).reduce(farthest) { base, layer in Self.merge(base, into: layer) }
    }

    /// The settings a section inherits from the (merged) defaults before it. Check scripts (`http-check`,
    /// `tcp-check`) come from the defaults only when the section has none of its own.
    static func merge(_ base: Proxy, into proxy: Proxy) -> Proxy {
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
        let ownsChecks = proxy.directives.contains { isCheckScript($0.keyword) }
        result.directives = base.directives.filter { !(ownsChecks && isCheckScript($0.keyword)) } + proxy.directives
        return result
    }

    static func isCheckScript(_ keyword: String) -> Bool {
        keyword.hasPrefix("http-check") || keyword.hasPrefix("tcp-check")
    }
}
