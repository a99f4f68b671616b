/// An http-request rule's arguments cannot be compiled.
struct HTTPRequestInvalid: SyntaxRule {
    static let description = RuleDescription(
        id: "http-request-invalid", severity: .error, domain: .plan,
        summary: "An http-request rule's arguments cannot be compiled.",
        rationale: """
            The planner turns each http-request rule into an action of the plan. A status that is not a number, a header rule \
            without its value and similar mistakes leave nothing to run; HAProxy refuses the same rules at start-up.
            """,
        fix: "Correct the rule's arguments.",
        triggering: [
            .haproxy("""
                defaults
                    mode http
                    timeout connect 5s
                    timeout client 30s
                    timeout server 30s
                frontend web
                    bind 127.0.0.1:8080
                    ↓http-request return status abc
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
                    http-request return status 503
                    default_backend app
                backend app
                    server a 127.0.0.1:9000

                """),
        ])
}
