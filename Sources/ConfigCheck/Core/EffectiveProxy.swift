import ConfigDiagnostics
import HAProxyConfig

/// A proxy with what it inherits from its `defaults` chain resolved, the
/// way HAProxy copies a defaults section into each proxy that follows it.
public struct EffectiveProxy: Sendable {
    public let proxy: Proxy
    /// The defaults sections it inherits, nearest first.
    public let chain: [Proxy]

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
    }

    private var layers: [Proxy] { [proxy] + chain }

    /// The first value a layer gives, nearest first, without building `layers`
    /// (rules ask this for every proxy of very large configurations).
    private func nearest<T>(_ value: (Proxy) -> T?) -> T? {
        if let found = value(proxy) { return found }
        for layer in chain { if let found = value(layer) { return found } }
        return nil
    }

    public var name: String { proxy.name ?? "defaults" }

    /// The mode in force; HAProxy's default is tcp.
    public var mode: Proxy.Mode { nearest(\.mode) ?? .tcp }

    /// Whether the mode is written in the proxy or a defaults section.
    public var modeIsExplicit: Bool { nearest(\.mode) != nil }

    /// A timeout in force, by name (`connect`, `client`, `server`, …).
    public func timeout(_ name: String) -> Duration? { nearest { $0.timeouts[name] } }

    /// The `timeout NAME` line in force.
    public func timeoutDirective(_ name: String) -> Directive? { directive("timeout " + name) }

    /// Whether `option NAME` is in force: true, false for `no option NAME`, nil when never set.
    public func option(_ name: String) -> Bool? { nearest { $0.options[name] } }

    /// The last line with a keyword, in the proxy or else its defaults.
    public func directive(_ keyword: String) -> Directive? {
        nearest { $0.directives.last { $0.keyword == keyword } }
    }

    /// `balance` in force.
    public var balance: [String]? { nearest(\.balance) }

    /// `default-server` options in force, the defaults' first, so a later one wins.
    public var defaultServerOptions: [NamedOption] {
        layers.reversed().flatMap { $0.defaultServer?.options ?? [] }
    }

    /// A server's options preceded by the `default-server` ones it inherits.
    public func options(of server: Server) -> [NamedOption] { defaultServerOptions + server.options }

    /// The value of a server option, inherited from `default-server` when the line does not set it.
    public func option(_ name: String, of server: Server) -> NamedOption? { options(of: server).last { $0.name == name } }

    /// Whether a server flag (`check`, `backup`, `ssl`) is in force, `no-FLAG` cancelling it.
    public func flag(_ name: String, of server: Server) -> Bool {
        options(of: server).last { $0.name == name || $0.name == "no-" + name }?.name == name
    }
}
