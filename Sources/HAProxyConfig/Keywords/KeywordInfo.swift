/// What the grammar says about one directive keyword.
public struct KeywordInfo: Sendable, Hashable {
    /// The keyword, with its sub-keyword when it has one (`timeout connect`).
    public var name: String
    /// Number of words in `name`.
    public var wordCount: Int
    /// Sections where HAProxy accepts it.
    public var sections: Set<String>
    /// Sections where HAProxy parses it but ignores it with a warning.
    public var ignoredIn: Set<String>
    public var signature: ArgumentSignature
    /// The HAProxy version that introduced it.
    public var since: String
    public var summary: String
}

/// What the grammar says about one option of a `bind` or `server` line.
public struct OptionInfo: Sendable, Hashable {
    public var name: String
    public var signature: ArgumentSignature
    public var since: String
    public var summary: String
}

/// What the grammar says about a section keyword.
public struct SectionInfo: Sendable, Hashable {
    /// Whether the header takes a name: `required`, `optional` or `none`.
    public enum NameRule: String, Sendable, Hashable {
        case required, optional, none
    }

    public var keyword: String
    public var name: NameRule
    public var summary: String
}
