import ConfigDiagnostics
import HAProxyConfig

/// Something several rules read about each proxy (its conditions, the calls
/// in its lines, the tables it names), worked out for every proxy once and
/// shared. A proxy is found again by where its section is written.
final class PerProxy<Value: Sendable>: Sendable {
    private let make: @Sendable (Proxy) -> Value
    private let values: SharedOnce<[SourceRange: Value]>

    init(_ proxies: [Proxy], _ make: @escaping @Sendable (Proxy) -> Value) {
        self.make = make
        values = SharedOnce { Dictionary(proxies.map { ($0.range, make($0)) }) { first, _ in first } }
    }

    /// Works the values out now, if no one has yet.
    func prepare() { values.prepare() }

    /// The value for a proxy of the configuration (worked out on the spot for any other).
    subscript(proxy: Proxy) -> Value { values.value[proxy.range] ?? make(proxy) }
}
