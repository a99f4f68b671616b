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
    /// Proxies that accept connections (frontend, listen).
    public let frontends: [EffectiveProxy]
    /// Proxies that have servers (backend, listen).
    public let backends: [EffectiveProxy]
    /// Index in `backends` of the first backend-capable proxy of each name.
    private let backendIndex: [String: Int]
    /// Every sample expression of the configuration, parsed once for the rules that read them.
    var sampleSites: [SampleExpressionSite] { sharedSampleSites.value }
    private let sharedSampleSites: SharedOnce<[SampleExpressionSite]>
    /// `defaults` sections then the other proxies, as written in the IR (built once: rules walk it often).
    public let allProxies: [Proxy]
    /// The certificates the configuration names, found once for the TLS rules.
    var certificateReferences: [CertificateReference] { sharedCertificateReferences.value }
    private let sharedCertificateReferences: SharedOnce<[CertificateReference]>
    /// The certificate files, read once for the TLS rules.
    var certificateFiles: [(reference: CertificateReference, file: CertificateFile)] { sharedCertificateFiles.value }
    private let sharedCertificateFiles: SharedOnce<[(reference: CertificateReference, file: CertificateFile)]>
    /// The keywords and option names the configuration uses, gathered once.
    var vocabulary: ConfigurationVocabulary { sharedVocabulary.value }
    private let sharedVocabulary: SharedOnce<ConfigurationVocabulary>
    /// How each proxy of `proxies` uses stick tables, in the same order (worked out once).
    var tableUses: [ProxyTableUse] { sharedTableUses.value }
    private let sharedTableUses: SharedOnce<[ProxyTableUse]>
    /// Each proxy's conditions, worked out once for the rules that read them.
    private let conditionsByProxy: PerProxy<[ConditionUse]>
    /// Each proxy's calls with arguments (`nbsrv(app)`), found once.
    private let callsByProxy: PerProxy<[CallInWord]>
    /// Each proxy's stick-table references, found once.
    private let tablesByProxy: PerProxy<[TableReference]>
    /// Each proxy's ACL tests, read once.
    private let aclTestsByProxy: PerProxy<[ACLTestSpec]>

    public init(configuration: HAProxyConfiguration, syntax: ConfigSyntax, environment: CheckEnvironment) {
        self.configuration = configuration
        self.syntax = syntax
        self.environment = environment
        // Resolving 10,000 proxies' defaults is worth both cores.
        let all = configuration.proxies
        proxies = all.concurrentMap(piece: 512) { EffectiveProxy($0, in: configuration) }
        frontends = proxies.filter { $0.proxy.kind == .frontend || $0.proxy.kind == .listen }
        backends = proxies.filter { $0.proxy.kind == .backend || $0.proxy.kind == .listen }
        var index: [String: Int] = [:]
        for (position, backend) in backends.enumerated() {
            if let name = backend.proxy.name, index[name] == nil { index[name] = position }
        }
        backendIndex = index
        let allProxies = configuration.defaults + configuration.proxies
        self.allProxies = allProxies
        // What rules share is worked out once, by `sharedWork` or by the first rule that asks.
        let conditions = PerProxy(allProxies) { $0.conditions }
        conditionsByProxy = conditions
        callsByProxy = PerProxy(allProxies, ServerReference.calls)
        tablesByProxy = PerProxy(allProxies, TableReference.all)
        aclTestsByProxy = PerProxy(allProxies) { ACLTestSpec.all(in: $0, conditions: conditions[$0]) }
        let proxies = proxies
        sharedTableUses = SharedOnce { proxies.map(ProxyTableUse.init) }
        let vocabulary = SharedOnce { ConfigurationVocabulary(configuration, proxies: allProxies) }
        sharedVocabulary = vocabulary
        sharedSampleSites = SharedOnce {
            SampleExpressionSite.all(in: configuration, proxies: allProxies) { conditions[$0] }
        }
        let references = SharedOnce { () -> [CertificateReference] in
            guard vocabulary.value.uses(anyOption: CertificateReference.optionNames) else { return [] }
            return Self.findCertificateReferences(in: configuration, proxies: allProxies, environment: environment)
        }
        sharedCertificateReferences = references
        sharedCertificateFiles = SharedOnce {
            Self.loadCertificateFiles(references.value, in: configuration)
        }
    }

    /// Work that computes what rules share, each item after those whose
    /// results it reads. The linter runs it side by side ahead of the rules,
    /// so that no core sits waiting while another works a fact out for both.
    var sharedWork: [@Sendable () -> Void] {
        [conditionsByProxy.prepare, sharedVocabulary.prepare, callsByProxy.prepare, tablesByProxy.prepare, aclTestsByProxy.prepare,
         sharedTableUses.prepare, sharedSampleSites.prepare, sharedCertificateFiles.prepare]
    }

    /// The first backend-capable proxy with a name (a dictionary lookup: rules call it per rule line).
    public func backend(named name: String) -> EffectiveProxy? { backendIndex[name].map { backends[$0] } }

    /// The conditions of a proxy's rules (`Proxy.conditions`, worked out once per configuration).
    public func conditions(of proxy: Proxy) -> [ConditionUse] { conditionsByProxy[proxy] }

    /// The calls with arguments in a proxy's lines (`ServerReference.calls`, found once per configuration).
    func calls(of proxy: Proxy) -> [CallInWord] { callsByProxy[proxy] }

    /// A proxy's stick-table references (`TableReference.all`, found once per configuration).
    func tableReferences(of proxy: Proxy) -> [TableReference] { tablesByProxy[proxy] }

    /// A proxy's ACL tests: its `acl` lines, then the anonymous ACLs of its conditions (read once per configuration).
    func aclTests(of proxy: Proxy) -> [ACLTestSpec] { aclTestsByProxy[proxy] }

    /// Calls `body` with every directive of the configuration, in order, without copying them.
    public func forEachDirective(_ body: (Directive) -> Void) {
        Self.forEachDirective(in: configuration, proxies: allProxies, body)
    }

    /// Every directive of `configuration`, whose `defaults` and other proxies are `proxies`, in order.
    static func forEachDirective(in configuration: HAProxyConfiguration, proxies: [Proxy], _ body: (Directive) -> Void) {
        configuration.global?.directives.forEach(body)
        for proxy in proxies { proxy.directives.forEach(body) }
        for peers in configuration.peers { peers.directives.forEach(body) }
        for section in configuration.otherSections { section.directives.forEach(body) }
    }
}
