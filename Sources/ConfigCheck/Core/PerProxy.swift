import HAProxyConfig

/// Something several rules read about each proxy (its conditions, the calls
/// in its lines, the tables it names), worked out for every proxy by the
/// first rule that asks and shared with the others.
final class PerProxy<Value: Sendable>: Sendable {
    private let make: @Sendable (Proxy) -> Value
    private let values: SharedOnce<[ProxyKey: Value]>

    init(_ proxies: [Proxy], _ make: @escaping @Sendable (Proxy) -> Value) {
        self.make = make
        values = SharedOnce { Dictionary(proxies.map { (ProxyKey($0), make($0)) }) { first, _ in first } }
    }

    /// Works the values out now, if no one has yet.
    func prepare() { values.prepare() }

    /// The value for a proxy of the configuration (worked out on the spot for any other).
    subscript(proxy: Proxy) -> Value { values.value[ProxyKey(proxy)] ?? make(proxy) }
}
