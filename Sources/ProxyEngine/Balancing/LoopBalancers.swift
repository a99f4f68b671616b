/// The balancers of one event loop, one per backend in plan order. A
/// connection handler takes its loop's set once, when it is added, and then
/// balances every request without a lock or a lookup.
final class LoopBalancers {
    private let balancers: [LoopBalancer]

    init(_ backends: [BackendState]) {
        balancers = backends.map(LoopBalancer.init)
    }

    subscript(backend: Int) -> LoopBalancer { balancers[backend] }
}
