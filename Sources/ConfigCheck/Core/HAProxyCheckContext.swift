import ConfigDiagnostics
import HAProxyConfig

/// What an HAProxy rule reads: the typed configuration, its lossless
/// syntax, and each proxy with its defaults resolved.
public struct HAProxyCheckContext: Sendable {
    public let configuration: HAProxyConfiguration
    public let syntax: ConfigSyntax
    public let environment: CheckEnvironment
    /// `frontend`, `backend` and `listen` sections with their defaults resolved, in order.
    public let proxies: [EffectiveProxy]

    public init(configuration: HAProxyConfiguration, syntax: ConfigSyntax, environment: CheckEnvironment) {
        self.configuration = configuration
        self.syntax = syntax
        self.environment = environment
        proxies = configuration.proxies.map { EffectiveProxy($0, in: configuration) }
    }

    /// Proxies that accept connections (frontend, listen).
    public var frontends: [EffectiveProxy] { proxies.filter { $0.proxy.kind == .frontend || $0.proxy.kind == .listen } }

    /// Proxies that have servers (backend, listen).
    public var backends: [EffectiveProxy] { proxies.filter { $0.proxy.kind == .backend || $0.proxy.kind == .listen } }

    /// The backend-capable proxy with a name.
    public func backend(named name: String) -> EffectiveProxy? { backends.first { $0.proxy.name == name } }

    /// Every directive in the configuration with its section, in order.
    public var allDirectives: [(section: String, directive: Directive)] {
        var result: [(String, Directive)] = []
        for directive in configuration.global?.directives ?? [] { result.append(("global", directive)) }
        for proxy in configuration.defaults + configuration.proxies {
            for directive in proxy.directives { result.append((proxy.kind.rawValue, directive)) }
        }
        for peers in configuration.peers { for directive in peers.directives { result.append(("peers", directive)) } }
        for section in configuration.otherSections {
            for directive in section.directives { result.append((section.kind, directive)) }
        }
        return result
    }
}
