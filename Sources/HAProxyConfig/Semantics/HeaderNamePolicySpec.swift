/// `option http-restrict-req-hdr-names preserve|delete|reject` read once, as HAProxy 2.6 reads it: what happens
/// to a request whose header names hold a character outside `[A-Za-z0-9-]` once the proxy's `http-request`
/// rules have run. The planner compiles the engine's policy from it.
public enum HeaderNamePolicySpec: String, Sendable, Hashable {
    /// Such headers are forwarded (HAProxy's default).
    case preserve
    /// Such headers are removed.
    case delete
    /// The request is denied with a 403.
    case reject

    /// HAProxy's message for a line without one of the three words.
    public static let problem = "option 'http-restrict-req-hdr-names' expects 'preserve', 'delete' or 'reject'"

    /// The policy of a proxy (defaults applied), from its last `option http-restrict-req-hdr-names` line;
    /// `.preserve` when none is written. `written` is that line's words; nil when its argument is not one of the three.
    public init?(written arguments: [String]?) {
        guard let arguments else {
            self = .preserve
            return
        }
        guard arguments.count == 1, let policy = HeaderNamePolicySpec(rawValue: arguments[0]) else { return nil }
        self = policy
    }

}
