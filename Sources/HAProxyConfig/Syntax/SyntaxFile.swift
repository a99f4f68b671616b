import ConfigDiagnostics

/// One haproxy.cfg file as read: its source and every physical line.
public struct SyntaxFile: Sendable {
    public var source: SourceFile
    public var lines: [SyntaxLine]

    public init(source: SourceFile, lines: [SyntaxLine]) {
        self.source = source
        self.lines = lines
    }

    /// The source range of a word.
    public func range(of word: Word) -> SourceRange { source.range(word.start, word.end) }

    /// The source range of a statement.
    public func range(of statement: Statement) -> SourceRange { source.range(statement.start, statement.end) }
}

/// The lossless syntax of a whole configuration: every file in load order
/// and the sections found in them.
public struct ConfigSyntax: Sendable {
    public var files: [SyntaxFile]
    public var sections: [SyntaxSection]

    public init(files: [SyntaxFile], sections: [SyntaxSection]) {
        self.files = files
        self.sections = sections
    }

    /// The source range of a word in the given file.
    public func range(of word: Word, in file: Int) -> SourceRange { files[file].range(of: word) }

    /// The source range of a statement.
    public func range(of statement: Statement) -> SourceRange { files[statement.file].range(of: statement) }
}
