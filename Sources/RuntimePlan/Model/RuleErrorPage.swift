/// The page a `deny` or `return` rule answers with when it names one instead of a reply of its own.
public enum RuleErrorPage: Sendable, Hashable, Codable {
    /// A page read when the plan was compiled: `errorfile FILE`, or the page of `errorfiles NAME` for the status.
    case file(ErrorFile)
    /// `default-errorfiles`: the proxy's page for the status (its `errorfile`, else HAProxy's own).
    case proxy

    /// The page read from a file, nil for the proxy's.
    public var file: ErrorFile? {
        if case .file(let file) = self { return file }
        return nil
    }
}
