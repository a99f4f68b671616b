/// A section of haproxy.cfg (`global`, `frontend web`, …): its header and
/// the statements up to the next section header or the end of the file.
public struct SyntaxSection: Sendable, Hashable, Codable {
    /// The section keyword (`global`, `defaults`, `frontend`, `backend`, `listen`, `peers`, …).
    public var kind: String
    /// The header statement (`frontend web from base`).
    public var header: Statement
    /// The statements of the body, in order.
    public var statements: [Statement]

    public init(kind: String, header: Statement, statements: [Statement] = []) {
        self.kind = kind
        self.header = header
        self.statements = statements
    }

    /// The section's name: the header's second word, if any.
    public var name: String? { header.words.count > 1 ? header.words[1].text : nil }
}
