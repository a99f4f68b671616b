/// A number with a suffix that HAProxy drops without a word.
struct NumberSuffixIgnored: SyntaxRule {
    static let description = RuleDescription(
        id: "number-suffix-ignored", severity: .warning, domain: .haproxySyntax,
        summary: "A number has a suffix HAProxy silently ignores (`maxconn 10k` is 10).",
        rationale: """
            Most counts (`maxconn`, `retries`, `fullconn`, `backlog`, `ulimit-n`, the `tune.*` buffers, a server's \
            `weight`, `maxconn`, `rise`, `fall`, `port`…) are read with C's atol: HAProxy takes the leading digits \
            and drops the rest without a warning, so `maxconn 10k` allows 10 connections and `weight 50%` is 50. \
            Sizes (`tune.bufsize` excepted) take k, m and g, counts do not. A few keywords parse strictly and \
            refuse the same text (`nbthread`, `rate-limit sessions`, `tune.h2.*`): weir reports those as \
            `invalid-argument` errors. Grammar/haproxy-keywords.tsv marks the atol ones `<atol>`.
            """,
        fix: "Write the whole number (`maxconn 10000`); the fix-it multiplies a k, m or g suffix out.",
        triggering: [
            .haproxy("""
                global
                    maxconn ↓10k
                defaults
                    mode http
                    retries ↓3x
                    timeout connect 5s
                    timeout client 30s
                    timeout server 30s
                backend app
                    server a 127.0.0.1:8080 weight ↓50%

                """),
        ],
        nonTriggering: [
            .haproxy("""
                global
                    maxconn 10000
                defaults
                    mode http
                    retries 3
                    timeout connect 5s
                    timeout client 30s
                    timeout server 30s
                backend app
                    server a 127.0.0.1:8080 weight 50

                """),
        ])
}
