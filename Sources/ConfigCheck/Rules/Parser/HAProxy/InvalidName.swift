/// A proxy, server or ACL name with a character HAProxy refuses.
struct InvalidName: SyntaxRule {
    static let description = RuleDescription(
        id: "invalid-name", severity: .error, domain: .haproxySyntax,
        summary: "A proxy, server or ACL name contains a character other than letters, digits, `.`, `:`, `_` and `-`.",
        rationale: """
            Names appear in logs, the stats page, the runtime API (`backend/server`) and sample fetch arguments, so \
            HAProxy restricts them to letters, digits, `.`, `:`, `_` and `-`, and refuses anything else ("character \
            '/' is not permitted in 'frontend' name", an ALERT of haproxy -c). A `/` is the usual mistake, written \
            to mimic a path or a URL.
            """,
        fix: "Replace the character, for example with `_` or `-`.",
        triggering: [
            .haproxy("""
                frontend ↓www.example.com/app
                    bind :80
                backend app
                    server ↓app/1 127.0.0.1:8080

                """),
        ],
        nonTriggering: [
            .haproxy("""
                frontend www.example.com_app
                    bind :80
                backend app
                    server app-1 127.0.0.1:8080

                """),
        ])
}
