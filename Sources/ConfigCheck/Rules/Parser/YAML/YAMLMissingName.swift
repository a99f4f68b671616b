/// A section in the site YAML has no name (or a generic section no type).
struct YAMLMissingName: SyntaxRule {
    static let description = RuleDescription(
        id: "yaml-missing-name", severity: .error, domain: .yaml,
        summary: "A section in the site YAML has no name (or a generic section no type).",
        rationale: """
            Every frontend, backend, listen, peers, userlist and resolvers section needs a `name`, which becomes the \
            section's name in haproxy.cfg and is what `default_backend` and `use_backend` refer to; entries of \
            `sections` need a `type` (ring, mailers, cache, …). Weir skips such an entry.
            """,
        fix: "Add `name: NAME` (or `type: KIND`) to the entry.",
        triggering: [
            .yaml("""
                backends:
                - ↓mode: http
                  server: a 127.0.0.1:8080

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
