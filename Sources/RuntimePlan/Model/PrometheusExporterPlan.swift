/// `http-request use-service prometheus-exporter [if|unless COND]` in a
/// frontend or listen section: the requests the exporter answers.
public struct PrometheusExporterPlan: Sendable, Hashable, Codable {
    /// The rule's condition (nil: every request).
    public var condition: Predicate?

    public init(condition: Predicate? = nil) {
        self.condition = condition
    }
}
