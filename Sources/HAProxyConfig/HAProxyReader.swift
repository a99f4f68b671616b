import ConfigDiagnostics

/// Everything reading haproxy.cfg produces: the lossless syntax, the typed
/// configuration and the diagnostics, in reading order.
public struct HAProxyParseResult: Sendable {
    public var syntax: ConfigSyntax
    public var configuration: HAProxyConfiguration
    public var diagnostics: [Diagnostic]
}

/// The front door of the module: lexes, parses, validates keywords and
/// lowers one configuration made of one or more files.
public struct HAProxyReader: Sendable {
    public var variables: VariableResolver
    public var build: BuildProfile
    public var registry: KeywordRegistry

    public init(variables: VariableResolver = VariableResolver(), build: BuildProfile = .debianBookworm,
                registry: KeywordRegistry = .standard) {
        self.variables = variables
        self.build = build
        self.registry = registry
    }

    public func read(_ sources: [SourceFile]) -> HAProxyParseResult {
        let parser = ConfigParser(variables: variables, build: build, sectionKeywords: registry.sectionKeywords)
        let (syntax, parseDiagnostics) = parser.parse(sources)
        let validator = KeywordValidator(registry: registry, variables: variables)
        let lowerer = Lowerer(registry: registry, variables: variables)
        // Validating and lowering only read the syntax, section by section: chunks of both run side by side.
        let chunks = SectionChunks(syntax.sections)
        let seen = validator.defaultsSeen(syntax, before: chunks)
        let pieces = concurrentMap(count: 2 * chunks.count) { item -> ReadPiece in
            guard item >= chunks.count else {
                return .diagnostics(validator.validate(syntax, sections: chunks.ranges[item], defaultsSeen: seen[item]))
            }
            return .sections(lowerer.lower(syntax, sections: chunks.ranges[item - chunks.count]))
        }
        var diagnostics = parseDiagnostics
        var lowered: [Lowerer.LoweredSection] = []
        for piece in pieces {
            switch piece {
            case .diagnostics(let found): diagnostics += found
            case .sections(let sections): lowered += sections
            }
        }
        return HAProxyParseResult(syntax: syntax, configuration: lowerer.assemble(lowered), diagnostics: diagnostics)
    }

    /// What one chunk of the work after parsing gives.
    private enum ReadPiece: Sendable {
        case diagnostics([Diagnostic])
        case sections([Lowerer.LoweredSection])
    }

    /// Whether a file reads as haproxy.cfg rather than keepalived.conf: its
    /// first statement is an HAProxy section keyword.
    public static func looksLikeHAProxy(_ file: SourceFile, registry: KeywordRegistry = .standard) -> Bool {
        for line in 1...max(1, file.lineCount) {
            let text = file.lineText(line)
            let first = text.split(whereSeparator: { $0 == " " || $0 == "\t" }).first.map(String.init) ?? ""
            if first.isEmpty || first.hasPrefix("#") || first.hasPrefix(".") { continue }
            return registry.sections[first] != nil
        }
        return false
    }
}
