import ConfigDiagnostics

/// Which rules run and how loud they are: from `.weir.yaml`, then the
/// command line (`--disable`, `--enable`), then `# weir:disable=` comments.
public struct CheckOptions: Sendable, Hashable {
    /// Rules turned off.
    public var disabled: Set<RuleID> = []
    /// Rules turned on; wins over `disabled` and over a rule being off by default.
    public var enabled: Set<RuleID> = []
    /// Severities that replace a rule's default.
    public var severities: [RuleID: Severity] = [:]

    public init(disabled: Set<RuleID> = [], enabled: Set<RuleID> = [], severities: [RuleID: Severity] = [:]) {
        self.disabled = disabled
        self.enabled = enabled
        self.severities = severities
    }

    /// Options layered on top of these: the other's sets are added, its severities win.
    public func merging(_ other: CheckOptions) -> CheckOptions {
        var merged = self
        merged.disabled.subtract(other.enabled)
        merged.enabled.subtract(other.disabled)
        merged.disabled.formUnion(other.disabled)
        merged.enabled.formUnion(other.enabled)
        merged.severities.merge(other.severities) { $1 }
        return merged
    }

    /// Whether a rule runs.
    public func isEnabled(_ description: RuleDescription) -> Bool {
        if enabled.contains(description.id) { return true }
        if disabled.contains(description.id) { return false }
        return description.enabledByDefault
    }

    /// Applies the options to diagnostics: drops disabled rules' findings and
    /// regrades the ones with a severity override.
    public func apply(to diagnostics: [Diagnostic]) -> [Diagnostic] {
        guard !disabled.isEmpty || !severities.isEmpty else { return diagnostics }
        return diagnostics.compactMap { diagnostic in
            if disabled.contains(diagnostic.rule), !enabled.contains(diagnostic.rule) { return nil }
            guard let severity = severities[diagnostic.rule] else { return diagnostic }
            var regraded = diagnostic
            regraded.severity = severity
            return regraded
        }
    }
}
