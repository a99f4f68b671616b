import ConfigDiagnostics

/// Collects what one rule reports, with the rule's id and severity.
public struct Findings: Sendable {
    public let rule: RuleID
    public let severity: Severity
    public private(set) var diagnostics: [Diagnostic] = []

    public init(_ description: RuleDescription) {
        rule = description.id
        severity = description.severity
    }

    /// Reports a finding at the rule's default severity, or at `severity`
    /// when the rule grades its findings (a certificate expired vs expiring).
    public mutating func report(_ message: String, at range: SourceRange, severity: Severity? = nil,
                                notes: [DiagnosticNote] = [], fixIts: [FixIt] = []) {
        diagnostics.append(Diagnostic(severity ?? self.severity, rule, message, at: range, notes: notes, fixIts: fixIts))
    }
}
