import ConfigDiagnostics
import HAProxyConfig

/// A backend named by a frontend: by `default_backend` (its own or the one
/// it inherits from defaults) or by a static `use_backend`.
struct BackendTarget {
    var keyword: String
    var name: String
    var range: SourceRange

    /// The static targets of a frontend or listen section, in order.
    static func all(of proxy: EffectiveProxy) -> [BackendTarget] {
        var targets = proxy.proxy.useBackends.filter { !$0.backend.containsBytes("%[") }.map {
            BackendTarget(keyword: "use_backend", name: $0.backend, range: $0.backendRange)
        }
        if let line = proxy.directive("default_backend"), let name = line.arguments.first {
            targets.append(BackendTarget(keyword: "default_backend", name: name, range: line.argumentRanges[0]))
        }
        return targets
    }
}
