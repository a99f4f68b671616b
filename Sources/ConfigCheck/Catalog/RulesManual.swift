import ConfigDiagnostics

/// Renders Man/weir-rules.7 from the catalog; a test keeps the checked-in page current.
public enum RulesManual {
    public static func render(_ rules: [RuleDescription] = RuleCatalog.all) -> String {
        var page = """
        .\\" generated from the rule catalog, do not edit.
        .\\" Regenerate: WEIR_REGENERATE=1 swift test --filter RuleCatalogTests
        .TH WEIR-RULES 7 "" "weir" "Weir Manual"
        .SH NAME
        weir-rules \\- the checks of weir lint
        .SH DESCRIPTION
        Every finding of
        .B weir lint
        carries the id of the rule that made it.
        .B weir explain
        .I ID
        prints a rule's page with examples.
        A rule is turned off with
        .B \\-\\-disable
        .IR ID ,
        with a
        .B disable
        list in
        .BR .weir.yaml ,
        or for a line or a section with a comment
        .BR "# weir:disable=ID" ;
        see
        .BR weir-lint (1).
        Severities: an
        .B error
        fails the run, a
        .B warning
        fails it with
        .BR \\-\\-strict ,
        a
        .B note
        informs.

        """
        for domain in RuleDomain.allCases {
            let inDomain = rules.filter { $0.domain == domain }
            guard !inDomain.isEmpty else { continue }
            page += ".SH \(escape(domain.title.uppercased()))\n"
            for rule in inDomain {
                page += ".TP\n.B \(rule.id)\n(\(rule.severity.rawValue)\(rule.enabledByDefault ? "" : ", off by default")) "
                page += escape(rule.summary) + "\n.br\n" + escape(rule.rationale) + "\n"
                if let fix = rule.fix { page += ".br\nFix: " + escape(fix) + "\n" }
            }
        }
        page += ".SH SEE ALSO\n.BR weir (1),\n.BR weir-lint (1)\n"
        return page
    }

    /// Escapes text for roff: backslashes, and a leading dot or quote.
    static func escape(_ text: String) -> String {
        let escaped = text.replacingOccurrences(of: "\\", with: "\\e").replacingOccurrences(of: "-", with: "\\-")
        return escaped.hasPrefix(".") || escaped.hasPrefix("'") ? "\\&" + escaped : escaped
    }
}
