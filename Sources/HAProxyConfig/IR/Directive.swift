import ConfigDiagnostics

/// Any keyword line, kept with its words and place so that nothing the IR
/// does not model is ever lost.
public struct Directive: Sendable, Hashable, Codable {
    /// The keyword as the grammar names it (`timeout connect`, `option httplog`,
    /// `http-request deny`), or the first word when the keyword is unknown.
    public var keyword: String
    public var modifier: Statement.Modifier?
    /// The words after the keyword.
    public var arguments: [String]
    /// Where each argument is.
    public var argumentRanges: [SourceRange]
    public var range: SourceRange

    public init(keyword: String, modifier: Statement.Modifier? = nil, arguments: [String],
                argumentRanges: [SourceRange], range: SourceRange) {
        self.keyword = keyword
        self.modifier = modifier
        self.arguments = arguments
        self.argumentRanges = argumentRanges
        self.range = range
    }
}

/// A section the IR does not model in detail (`mailers`, `ring`, `cache`,
/// `program`, `http-errors`, …): its header and directives.
public struct GenericSection: Sendable, Hashable, Codable {
    public var kind: String
    public var name: String?
    public var directives: [Directive]
    public var range: SourceRange
}
