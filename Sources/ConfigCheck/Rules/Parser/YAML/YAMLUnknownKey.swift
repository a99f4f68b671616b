/// The site YAML has a key weir does not know at its top level, in `keepalived:` or in a node.
struct YAMLUnknownKey: SyntaxRule {
    static let description = RuleDescription(
        id: "yaml-unknown-key", severity: .error, domain: .yaml,
        summary: "The site YAML has a key weir does not know at its top level, in `keepalived:` or in a node.",
        rationale: """
            The top level of a site description takes global, defaults, frontends, backends, listens, peers, \
            userlists, resolvers, sections, keepalived and nodes. Anything else, often a singular `frontend` or a \
            haproxy keyword written at the top, is ignored by the converter, so its content never reaches haproxy.cfg. \
            The same holds inside `keepalived:` (global_defs, vrrp_scripts, instances, blocks) and in each node of \
            `nodes:` (address, keepalived, haproxy), where a misplaced key would leave a node without its VRRP setup.
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
