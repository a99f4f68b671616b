/// A `tcp-request connection|session track-sc*` (or `sc-inc-gpc*`,
/// `sc-set-gpt*`) rule: it runs once per client connection, before any
/// request, and what it tracks stays tracked until the connection ends.
public struct ConnectionStickRule: Sendable, Hashable, Codable {
    public var action: StickCounterAction
    /// nil: the rule always applies. Only connection-level fetches have values here.
    public var condition: Predicate?
    /// The rule as written.
    public var text: String
    public var source: SourceRef

    public init(action: StickCounterAction, condition: Predicate?, text: String, source: SourceRef) {
        self.action = action
        self.condition = condition
        self.text = text
        self.source = source
    }
}
