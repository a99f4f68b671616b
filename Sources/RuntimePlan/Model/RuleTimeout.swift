/// What an `http-request set-timeout` rule sets: the stream's `server` or `tunnel` timeout, to a duration or to
/// the milliseconds a sample expression gives when the rule runs.
public struct RuleTimeout: Sendable, Hashable, Codable {
    /// The timeout a rule overrides.
    public enum Target: String, Sendable, Hashable, Codable {
        case server, tunnel
    }

    public var target: Target
    /// The duration written, in milliseconds; nil when `expression` gives it.
    public var milliseconds: Int?
    public var expression: Fetch?

    public init(target: Target, milliseconds: Int? = nil, expression: Fetch? = nil) {
        self.target = target
        self.milliseconds = milliseconds
        self.expression = expression
    }
}

/// The `server` and `tunnel` timeouts of a request's stream, as the `be_*_timeout` and `cur_*_timeout` fetches
/// read them and the engine applies them: the chosen backend's (the proxy's own before a backend is chosen,
/// none for a frontend alone) and what `set-timeout` rules set.
public struct StreamTimeouts: Sendable, Hashable {
    public var backendServerMs: Int?
    public var backendTunnelMs: Int?
    public var serverOverrideMs: Int?
    public var tunnelOverrideMs: Int?
    /// Whether the server connection was established (the engine's log knows it; a request's rules know it
    /// from the server that answered).
    public var serverConnected = false

    public init() {}
}
