/// An `http-request set-timeout server|tunnel VALUE` rule's arguments read once, as HAProxy 2.6 reads them
/// (`cfg_parse_rule_set_timeout`): the timeout it overrides for the stream, and a duration (`5s`, `500`
/// milliseconds) or, when the value does not read as one, a sample expression giving milliseconds.
public struct SetTimeoutSpec: Sendable, Hashable {
    /// The timeout a rule overrides.
    public enum Target: String, Sendable, Hashable {
        case server, tunnel
    }

    public var target: Target?
    /// The duration written, in milliseconds.
    public var milliseconds: Int?
    /// The sample expression written instead of a duration (`int(3),mul(1000)`).
    public var expression: String?
    /// HAProxy's message for arguments it refuses.
    public var problem: String?

    public init(arguments: [String]) {
        guard let name = arguments.first, let target = Target(rawValue: name) else {
            problem = "'set-timeout' rule supports 'server'/'tunnel' (got '\(arguments.first ?? "")')"
            return
        }
        self.target = target
        guard arguments.count == 2 else {
            problem = arguments.count < 2 ? "'set-timeout \(name)' expects a timeout or an expression"
                : "unexpected argument '\(arguments[2])' in rule 'set-timeout \(name)'"
            return
        }
        let value = arguments[1]
        // HAProxy reads a duration when the value starts like one, else an expression.
        guard let first = value.unicodeScalars.first, ("0"..."9").contains(first) else {
            expression = value
            return
        }
        switch Duration.parse(value) {
        case .success(let duration) where duration.milliseconds > 0:
            milliseconds = Int(duration.milliseconds)
        case .success:
            problem = "null value is not valid for a 'set-timeout \(name)' rule"
        case .failure:
            problem = "unexpected character in argument '\(value)' to rule 'set-timeout \(name)'"
        }
    }
}
