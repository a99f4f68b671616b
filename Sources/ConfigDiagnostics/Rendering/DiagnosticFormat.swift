/// The output formats of `weir lint --format`.
public enum DiagnosticFormat: String, Sendable, CaseIterable {
    /// clang-style text with source excerpts, for people.
    case text
    /// weir's own JSON document, for scripts.
    case json
    /// SARIF 2.1.0, for code-scanning services.
    case sarif
    /// GitHub Actions workflow commands, for annotations on pull requests.
    case github

    /// The renderer of this format.
    public func renderer(_ context: RenderContext) -> any DiagnosticRenderer {
        switch self {
        case .text: TextRenderer(sources: context.sources, useColour: context.useColour)
        case .json: JSONRenderer()
        case .sarif:
            SARIFRenderer(
                toolVersion: context.toolVersion, informationURI: context.informationURI,
                sources: context.sources, ruleSummary: context.ruleSummary)
        case .github: GitHubRenderer(sources: context.sources)
        }
    }

    /// The whole output for `diagnostics`, in reading order (`sortedForOutput`).
    public func render(_ diagnostics: [Diagnostic], context: RenderContext) -> String {
        renderer(context).render(diagnostics.sortedForOutput())
    }
}
