/// A directive that HAProxy removed, with the replacement it names.
struct KeywordRemoved: SyntaxRule {
    static let description = RuleDescription(
        id: "keyword-removed", severity: .error, domain: .haproxySyntax,
        summary: "A directive was removed from HAProxy (`contimeout`, `reqadd`, `nbproc`, …); the message is HAProxy's own, with its replacement.",
        rationale: """
            HAProxy 2.1 removed the regex-based header rules (`reqadd`, `reqrep`, `rspadd`, `reqdel`, `block`, …) \
            and the old timeouts (`contimeout`, `clitimeout`, `srvtimeout`); 2.5 removed `nbproc` and `option \
            http_proxy`. HAProxy 2.6 refuses them with an ALERT that names what to use instead, and weir reports \
            the same text (the table is Grammar/haproxy-removed-keywords.tsv). Where the rewrite is mechanical \
            the fix-it does it: `contimeout 5s` becomes `timeout connect 5s`, `block if X` becomes `http-request \
            deny if X`, `reqadd X-Proto:\\ https` becomes `http-request add-header X-Proto https`. The regex \
            rewrites (`reqrep`) need a person: their replacements take a different argument.
            """,
        fix: "Use the replacement the message names; the fix-it rewrites the line where the rewrite is mechanical.",
        triggering: [
            .haproxy("""
                global
                    ↓nbproc 4
                defaults
                    mode http
                    ↓contimeout 5s
                    ↓clitimeout 30s
                    ↓srvtimeout 30s
                frontend web
                    bind :80
                    ↓reqadd X-Forwarded-Proto:\\ http
                    ↓option forceclose
                    default_backend app
                backend app
                    ↓redispatch
                    server a 127.0.0.1:8080

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
                    bind :80
                    http-request add-header X-Forwarded-Proto http
                    option httpclose
                    default_backend app
                backend app
                    option redispatch
                    server a 127.0.0.1:8080

                """),
        ])
}
