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

    /// Index in `proxies` of the first backend-capable proxy of each name.
    private let backendIndex: [String: Int]
    /// Every sample expression of the configuration, parsed once for the rules that read them.
    let sampleSites: [SampleExpressionSite]

    public init(configuration: HAProxyConfiguration, syntax: ConfigSyntax, environment: CheckEnvironment) {
        self.configuration = configuration
        self.syntax = syntax
        self.environment = environment
        proxies = configuration.proxies.map { EffectiveProxy($0, in: configuration) }
        var index: [String: Int] = [:]
        for (position, proxy) in proxies.enumerated() where proxy.proxy.kind == .backend || proxy.proxy.kind == .listen {
            if let name = proxy.proxy.name, index[name] == nil { index[name] = position }
        }
        backendIndex = index
        sampleSites = SampleExpressionSite.all(in: configuration)
    }

    /// Proxies that accept connections (frontend, listen).
    public var frontends: [EffectiveProxy] { proxies.filter { $0.proxy.kind == .frontend || $0.proxy.kind == .listen } }

    /// Proxies that have servers (backend, listen).
    public var backends: [EffectiveProxy] { proxies.filter { $0.proxy.kind == .backend || $0.proxy.kind == .listen } }

    /// The backend-capable proxy with a name.
    public func backend(named name: String) -> EffectiveProxy? { backendIndex[name].map { proxies[$0] } }

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
