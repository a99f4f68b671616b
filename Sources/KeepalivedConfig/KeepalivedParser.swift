import ConfigDiagnostics

/// Everything reading keepalived.conf produces.
public struct KeepalivedParseResult: Sendable {
    public var syntax: KeepalivedSyntax
    public var configuration: KeepalivedConfiguration
    public var diagnostics: [Diagnostic]
    /// Files read through `include`, for rendering diagnostics.
    public var includedFiles: [SourceFile] { Array(syntax.files.dropFirst()) }
}

/// Reads keepalived.conf into a tree of blocks, following `include`, and
/// checks every keyword against the grammar table. It never stops at the
/// first problem, and it builds the tree without recursion, so any nesting
/// depth is safe.
public struct KeepalivedParser: Sendable {
    /// Reads an included file; the default reads from disk.
    public typealias FileLoader = @Sendable (String) -> Result<SourceFile, Diagnostic>
    /// Expands an include pattern into paths; the default uses glob(3).
    public typealias PatternExpander = @Sendable (String) -> [String]

    public var configID: String?
    public var table: KeepalivedKeywordTable
    var loadFile: FileLoader
    var expandPattern: PatternExpander
    static let maximumDepth = 64
    static let maximumIncludeDepth = 8

    public init(configID: String? = nil, table: KeepalivedKeywordTable = .standard,
                loadFile: @escaping FileLoader = SourceLoader.load, expandPattern: @escaping PatternExpander = Glob.expand) {
        self.configID = configID
        self.table = table
        self.loadFile = loadFile
        self.expandPattern = expandPattern
    }

    public func parse(_ file: SourceFile) -> KeepalivedParseResult {
        var builder = TreeBuilder(parser: self, files: [file])
        builder.read(fileIndex: 0, includeDepth: 0)
        let nodes = builder.finish()
        let syntax = KeepalivedSyntax(files: builder.files, nodes: nodes)
        return KeepalivedParseResult(syntax: syntax, configuration: KeepalivedLowerer().lower(nodes),
                                     diagnostics: builder.diagnostics)
    }

    /// Whether a file reads as keepalived.conf: a Keepalived block keyword
    /// followed by `{` appears before any HAProxy-looking line.
    public static func looksLikeKeepalived(_ file: SourceFile) -> Bool {
        let markers = ["global_defs", "vrrp_instance", "vrrp_script", "virtual_server", "vrrp_sync_group",
                       "static_ipaddress", "include", "virtual_server_group"]
        for line in 1...max(1, file.lineCount) {
            let words = file.lineText(line).split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "{" })
            guard let first = words.first, !first.hasPrefix("#"), !first.hasPrefix("!") else { continue }
            return markers.contains(String(first))
        }
        return false
    }
}
