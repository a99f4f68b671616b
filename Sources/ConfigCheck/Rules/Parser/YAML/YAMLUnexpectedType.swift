/// A YAML key holds a value of the wrong kind.
struct YAMLUnexpectedType: SyntaxRule {
    static let description = RuleDescription(
        id: "yaml-unexpected-type", severity: .error, domain: .yaml,
        summary: "A YAML key holds a value of the wrong kind.",
        rationale: """
            `frontends`, `backends`, `listens`, `defaults` and the other section lists expect a list of mappings (a \
            single mapping is accepted too), `sections` a list, and the document itself a mapping. A scalar where a \
            list or mapping belongs usually comes from a missing `- ` or a wrong indentation; weir cannot tell what \
            was meant and converts nothing from it.
            """,
        fix: "Write the value as a list of mappings, `- name: …` per section.",
        triggering: [
            .yaml("""
                frontends: ↓web

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
