import ConfigDiagnostics
import HAProxyConfig

/// Names one proxy of a configuration by where its section starts, so that
/// facts worked out once per proxy can be found again from a `Proxy` value.
struct ProxyKey: Hashable, Sendable {
    var file: String
    var offset: Int

    init(_ proxy: Proxy) {
        file = proxy.range.file
        offset = proxy.range.start.offset
    }
}
