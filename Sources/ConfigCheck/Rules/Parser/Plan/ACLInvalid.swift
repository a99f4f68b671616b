/// An ACL's patterns cannot be compiled (an invalid regular expression, address or number).
struct ACLInvalid: SyntaxRule {
    static let description = RuleDescription(
        id: "acl-invalid", severity: .error, domain: .plan,
        summary: "An ACL's patterns cannot be compiled (an invalid regular expression, address or number).",
        rationale: """
            The planner compiles every ACL into a predicate the engine evaluates. A pattern that does not parse, such as a \
            regular expression with an unclosed group, would match nothing; HAProxy refuses such an ACL at start-up too.
            """,
        fix: "Correct the pattern.",
        triggering: [
            .haproxy("""
                defaults
                    mode http
                    timeout connect 5s
                    timeout client 30s
                    timeout server 30s
                frontend web
                    bind 127.0.0.1:8080
                    ↓acl legacy path_reg ^/old(/
                    http-request deny if legacy
                    default_backend app
                backend app
                    server a 127.0.0.1:9000

                """),
        ],
        nonTriggering: [
            .haproxy("""
                defaults
                    mode http
                    timeout connect 5s
                    timeout client 30s
                    timeout server 30s
                frontend web
                    bind 127.0.0.1:8080
                    acl legacy path_reg ^/old(/|$)
                    http-request deny if legacy
                    default_backend app
                backend app
                    server a 127.0.0.1:9000

                """),
        ])
}
