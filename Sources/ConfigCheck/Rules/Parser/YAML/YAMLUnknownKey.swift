/// The site YAML has a top-level key weir does not know.
struct YAMLUnknownKey: SyntaxRule {
    static let description = RuleDescription(
        id: "yaml-unknown-key", severity: .error, domain: .yaml,
        summary: "The site YAML has a top-level key weir does not know.",
        rationale: """
            The top level of a site description takes global, defaults, frontends, backends, listens, peers, \
            userlists, resolvers, sections, keepalived and nodes. Anything else, often a singular `frontend` or a \
            haproxy keyword written at the top, is ignored by the converter, so its content never reaches haproxy.cfg.
            """,
        fix: "Use one of the known keys; HAProxy keywords go inside a section.",
        triggering: [
            .yaml("""
                ↓frontend:
                - name: web
                  bind: :80

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
