/// One word of a haproxy.cfg line: its value after quotes, escapes and
/// environment variables are resolved, and the bytes it came from.
public struct Word: Sendable, Hashable, Codable {
    /// The value HAProxy sees.
    public var text: String
    /// Byte offsets `[start, end)` of the raw word in its file.
    public var start: Int
    public var end: Int
    /// Whether any part of the word was quoted (so `"if"` is not a keyword).
    public var isQuoted: Bool

    public init(text: String, start: Int, end: Int, isQuoted: Bool = false) {
        self.text = text
        self.start = start
        self.end = end
        self.isQuoted = isQuoted
    }
}
