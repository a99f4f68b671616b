import ConfigDiagnostics

/// Adjusts what the 2.6 grammar reports as unknown to the target version:
/// a keyword, option, fetch or converter the target has is not reported,
/// and one it lacks says which versions have it. The grammar tables describe
/// HAProxy 2.6; `keyword-version` reports what 2.6 has and the target lacks.
struct TargetVersionFindings {
    let target: HAProxyVersion
    let versions: KeywordVersions

    init(target: HAProxyVersion, versions: KeywordVersions = .standard) {
        self.target = target
        self.versions = versions
    }

    /// `diagnostics` with the unknown-name findings adjusted to the target.
    func adjust(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        diagnostics.compactMap { diagnostic in
            guard let (name, kinds) = Self.unknownName(diagnostic) else { return diagnostic }
            let spans = kinds.compactMap { versions.span(of: name, $0) }
            if spans.contains(where: { $0.contains(target) }) { return nil }
            guard let span = spans.first else { return diagnostic }
            var adjusted = diagnostic
            adjusted.notes.append(DiagnosticNote(message: KeywordVersion.otherVersions(span)))
            return adjusted
        }
    }

    /// The name an unknown-name finding is about, and what it may be.
    static func unknownName(_ diagnostic: Diagnostic) -> (String, [KeywordVersions.Kind])? {
        let quoted = diagnostic.message.split(separator: "'", omittingEmptySubsequences: false)
        guard quoted.count >= 3 else { return nil }
        let name = String(quoted[1])
        switch diagnostic.rule.rawValue {
        case "unknown-bind-option": return (name, [.bind])
        case "unknown-server-option": return (name, [.server])
        case "fetch-unknown": return (name, [.fetch])
        case "converter-unknown": return (name, [.converter])
        case "unknown-keyword":
            let words = name.split(separator: " ")
            let section = quoted.count >= 5 ? String(quoted[3]) : ""
            if words.count == 2, words[0] == "option" { return (String(words[1]), [.option]) }
            guard words.count == 1 else { return nil }
            if section == "global" { return (name, [.global]) }
            return ["defaults", "frontend", "listen", "backend"].contains(section) ? (name, [.proxy]) : nil
        default: return nil
        }
    }
}
