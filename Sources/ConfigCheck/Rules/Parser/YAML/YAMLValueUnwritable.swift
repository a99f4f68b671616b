/// A value in the site YAML that cannot be written on one configuration line.
struct YAMLValueUnwritable: SyntaxRule {
    static let description = RuleDescription(
        id: "yaml-value-unwritable", severity: .error, domain: .yaml,
        summary: "A value in the site YAML contains a line break, a carriage return or a NUL byte, or a name is not one word.",
        rationale: """
            Every YAML value becomes part of one haproxy.cfg or keepalived.conf line. A line break inside it \
            (a `|` block scalar, or `\\n` in a quoted string) would end that line and make the rest a statement \
            of its own: `description: \"x\\nlisten pwn\"` would add a proxy nobody wrote. HAProxy ends a line at a \
            carriage return and refuses a NUL byte. Weir writes nothing for such a document. Values are haproxy.cfg \
            text (quotes and escapes as HAProxy reads them), so a value that must be one word (a section's `name` \
            and `from`, a server's `name` and `address`) is an error when HAProxy would read it as several words or \
            none (`name: \"fe listen\"`, `name: \"a#b\"`). A `#` outside quotes in a value of several words is written \
            escaped (`\\#`), since HAProxy would otherwise read the rest of the line as a comment.
            """,
        fix: "Write the value on one line; a second line is a second list item.",
        triggering: [
            .yaml("""
                global:
                  description: ↓"x\\nfrontend evil\\n    bind 0.0.0.0:6666"
                frontends:
                - name: ↓"fe listen pwn"
                  bind: :80

                """),
        ],
        nonTriggering: [
            .yaml("""
                global:
                  description: "team #3, on call"
                  log:
                  - 127.0.0.1 local0
                  - 127.0.0.1 local1 notice

                """),
        ])
}
