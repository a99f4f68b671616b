/// An ACL's pattern file (-f FILE) cannot be read.
struct ACLPatternFile: SyntaxRule {
    static let description = RuleDescription(
        id: "acl-pattern-file", severity: .error, domain: .plan,
        summary: "An ACL's pattern file (-f FILE) cannot be read.",
        rationale: """
            The planner reads every '-f' pattern file into the plan, so that the engine never reads configuration files. HAProxy \
            also refuses to start when a pattern file cannot be opened.
            """,
        fix: "Create the file, or correct its path (relative paths start in the directory weir runs in).",
        triggering: [
            .haproxy("""
                defaults
                    mode http
                    timeout connect 5s
                    timeout client 30s
                    timeout server 30s
                frontend web
                    bind 127.0.0.1:8080
                    ↓acl blocked src -f /nonexistent/weir-blocklist.lst
                    http-request deny if blocked
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
                    acl blocked src 192.0.2.1
                    http-request deny if blocked
                    default_backend app
                backend app
                    server a 127.0.0.1:9000

                """),
        ])
}
