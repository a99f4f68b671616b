import ConfigDiagnostics
import KeepalivedConfig

/// A `static_rules` or `virtual_rules` entry without a preference.
struct IPRulePreferenceMissing: KeepalivedRule {
    static let description = RuleDescription(
        id: "ip-rule-preference-missing", severity: .error, domain: .keepalived,
        summary: "A policy-routing rule has no preference.",
        rationale: """
            The kernel evaluates ip rules in order of preference. Without one keepalived picks a number \
            counting down from 16384, so the rule's place among the system's rules depends on how many rules \
            keepalived added before it; 'keepalived -t' reports it as probably not what you want.
            """,
        fix: "Give each rule an explicit 'preference N'.",
        triggering: [
            .keepalived("""
                static_rules {
                    ↓from 192.168.100.0/24 table 1
                }

                """),
        ],
        nonTriggering: [
            .keepalived("""
                static_rules {
                    from 192.168.100.0/24 table 1 preference 100
                }

                """),
        ])

    static let preferenceWords: Set<String> = ["preference", "pref", "priority", "prio", "order"]
    static let message = "this rule has no preference: keepalived numbers it from 16384 downwards"

    func check(_ context: KeepalivedCheckContext, _ findings: inout Findings) {
        var blocks = context.syntax.nodes.filter { $0.keyword.text == "static_rules" }
        for instance in context.configuration.instances {
            if let rules = context.line("virtual_rules", in: instance.location) { blocks.append(rules) }
        }
        for block in blocks {
            for rule in block.children ?? [] where !([rule.keyword] + rule.arguments).contains(where: {
                Self.preferenceWords.contains($0.text)
            }) {
                findings.report(Self.message, at: context.range(of: rule.keyword))
            }
        }
    }
}
