/// A frontend's `use_backend` rules and `default_backend` as positions in the
/// plan's backends, resolved once so that routing a request looks no backend
/// up by name (the engine keeps one per frontend; nil where a name is unknown).
public struct BackendTargets: Sendable {
    /// The backend of each of `FrontendPlan.backendRules`, in order.
    public let rules: [Int?]
    /// The backend of `default_backend`.
    public let fallback: Int?
    /// Whether a bind of the frontend has a `name` (`so_name` then has something to return).
    public let namesListeners: Bool

    public init(frontend: FrontendPlan, plan: RuntimePlan) {
        let positions = Dictionary(plan.backends.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { first, _ in first })
        rules = frontend.backendRules.map { positions[$0.backend] }
        fallback = frontend.defaultBackend.flatMap { positions[$0] }
        namesListeners = frontend.binds.contains { $0.name != nil }
    }
}
