/// A site YAML nested too deeply, or made too large by its aliases.
struct YAMLTooLarge: SyntaxRule {
    static let description = RuleDescription(
        id: "yaml-too-large", severity: .error, domain: .yaml,
        summary: "The site YAML is nested more than 128 levels deep, or its aliases expand it past a million nodes.",
        rationale: """
            A site description needs a handful of levels (Keepalived blocks at most 64), and its size is its \
            length. A document nested thousands of levels deep would exhaust the stack of the YAML reader, and a \
            few hundred bytes of aliases that refer to aliases (\"billion laughs\") stand for billions of nodes. \
            Weir measures both before it converts anything and refuses such a document at the place it passes the \
            limit. The node limit is a million, or one node per byte of the file when that is more, so a document \
            without aliases never reaches it.
            """,
        fix: "Flatten the nesting; repeat small values instead of nesting aliases.",
        triggering: [
            .yaml("global:\n  raw: " + String(repeating: "[", count: 130) + String(repeating: "]", count: 130) + "\n"),
        ],
        nonTriggering: [
            .yaml("""
                defaults:
                - &web_defaults
                  mode: http
                  timeout: {connect: 5s, client: 30s, server: 30s}
                frontends:
                - name: web
                  bind: :80
                  default_backend: app
                backends:
                - name: app
                  servers:
                  - {name: a, address: 127.0.0.1:8080}

                """),
        ])
}
