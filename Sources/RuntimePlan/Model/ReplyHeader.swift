/// A header of a `return` or `deny` reply (`hdr NAME VALUE`): its value is a log-format, rendered for each reply.
public struct ReplyHeader: Sendable, Hashable, Codable {
    public var name: String
    public var value: LogFormat

    public init(name: String, value: LogFormat) {
        self.name = name
        self.value = value
    }
}
