import ConfigDiagnostics

/// One keyword line of keepalived.conf and, when it opens one, its block.
public struct KeepalivedNode: Sendable, Hashable, Codable {
    public var keyword: KeepalivedWord
    public var arguments: [KeepalivedWord]
    /// The block's children, or nil when the keyword has no block.
    public var children: [KeepalivedNode]?

    public init(keyword: KeepalivedWord, arguments: [KeepalivedWord] = [], children: [KeepalivedNode]? = nil) {
        self.keyword = keyword
        self.arguments = arguments
        self.children = children
    }

    /// The children with a given keyword.
    public func children(_ name: String) -> [KeepalivedNode] { (children ?? []).filter { $0.keyword.text == name } }

    /// The first child with a given keyword.
    public func child(_ name: String) -> KeepalivedNode? { children?.first { $0.keyword.text == name } }

    /// The first argument of the first child with a given keyword.
    public func value(_ name: String) -> String? { child(name)?.arguments.first?.text }
}

/// A parsed keepalived.conf: the files read (the main one and its includes)
/// and the top-level nodes in order.
public struct KeepalivedSyntax: Sendable {
    public var files: [SourceFile]
    public var nodes: [KeepalivedNode]

    /// The source range of a word.
    public func range(of word: KeepalivedWord) -> SourceRange { files[word.file].range(word.start, word.end) }
}
