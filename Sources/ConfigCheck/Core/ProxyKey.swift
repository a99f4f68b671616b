import HAProxyConfig
import ConfigDiagnostics

/// Names one proxy of a configuration by where its section is, so that
/// facts worked out once per proxy can be found again from a `Proxy` value.
struct ProxyKey: Hashable, Sendable {
    var range: SourceRange

    init(_ proxy: Proxy) { range = proxy.range }
}
