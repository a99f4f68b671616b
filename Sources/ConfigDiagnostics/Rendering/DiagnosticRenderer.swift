/// Turns diagnostics into the text of one output format. Renderers are pure:
/// they return the whole output and never print; the diagnostics appear in
/// the order given (`DiagnosticFormat.render` sorts them first).
public protocol DiagnosticRenderer: Sendable {
    /// The complete output for `diagnostics`, ending in a newline when not empty.
    func render(_ diagnostics: [Diagnostic]) -> String
}

/// What the renderers need to know beyond the diagnostics themselves.
public struct RenderContext: Sendable {
    /// The text of every file a diagnostic may point into, keyed by path.
    public var sources: [String: SourceFile]
    /// Whether the text renderer may use ANSI colours
    /// (see `TextRenderer.shouldUseColour`).
    public var useColour: Bool
    /// weir's version, for the SARIF tool description.
    public var toolVersion: String
    /// Where SARIF viewers send users to read about the tool, if anywhere.
    public var informationURI: String?
    /// A one-line summary of a rule, for the SARIF rule list.
    public var ruleSummary: @Sendable (RuleID) -> String?

    public init(
        sources: [String: SourceFile] = [:],
        useColour: Bool = false,
        toolVersion: String,
        informationURI: String? = nil,
        ruleSummary: @escaping @Sendable (RuleID) -> String? = { _ in nil }
    ) {
        self.sources = sources
        self.useColour = useColour
        self.toolVersion = toolVersion
        self.informationURI = informationURI
        self.ruleSummary = ruleSummary
    }
}
