/// The site YAML is not well-formed YAML.
struct YAMLSyntax: SyntaxRule {
    static let description = RuleDescription(
        id: "yaml-syntax", severity: .error, domain: .yaml,
        summary: "The site YAML is not well-formed YAML.",
        rationale: """
            Before weir can read a site description it must be YAML at all: indentation that does not line up, a \
            tab used for indentation, an unclosed bracket or quote. The YAML parser stops at the first such error, \
            and weir reports it at the line and column where the parser gave up, which may be after the real \
            mistake.
            """,
        fix: "Fix the indentation or the bracket or quote at or just before the reported place.",
        triggering: [
            .yaml("""
                frontends: [web

                """),
        ],
        nonTriggering: [
            .yaml("""
                frontends:
                - name: web
                  mode: http
                  bind: :80
                  default_backend: app
                backends:
                - name: app
                  mode: http
                  server: a 127.0.0.1:8080

                """),
        ])
}
