/// `errorfile STATUS FILE`: the raw HTTP response sent instead of the proxy's own page for that status.
public struct ErrorFile: Sendable, Hashable, Codable {
    public var status: Int
    /// The file's content as read when the plan was compiled (an empty file closes without an answer).
    public var response: String

    public init(status: Int, response: String) {
        self.status = status
        self.response = response
    }
}
