/// A `.weir.yaml` project file weir cannot use.
struct ProjectFile: SyntaxRule {
    static let description = RuleDescription(
        id: "project-file", severity: .error, domain: .io,
        summary: "The .weir.yaml project file is malformed or names an unknown rule.",
        rationale: """
            `.weir.yaml` sets a project's defaults: `disable` and `enable` lists of rule ids and `severity` \
            overrides. A misspelt id would silently change nothing, so weir refuses the file: it reports where the \
            problem is and exits with status 2 without checking anything (`--no-project-file` skips the file). The \
            project file is read by the weir command, so its examples are not run by the rule tests.
            """,
        fix: "Use rule ids as `weir explain` lists them, and the keys disable, enable and severity.",
        triggering: [
            RuleExample(files: [ExampleFile(".weir.yaml", """
                disable:
                - acl-undefind

                """)]),
        ],
        nonTriggering: [
            RuleExample(files: [ExampleFile(".weir.yaml", """
                disable:
                - acl-undefined
                severity:
                  ssl-verify-none: error

                """)]),
        ])
}
