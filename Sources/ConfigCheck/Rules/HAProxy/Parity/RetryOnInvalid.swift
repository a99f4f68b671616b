import ConfigDiagnostics
import HAProxyConfig

/// A `retry-on` line HAProxy refuses.
struct RetryOnInvalid: HAProxyRule {
    static let description = RuleDescription(
        id: "retry-on-invalid", severity: .error, domain: .haproxy,
        summary: "A `retry-on` line names a failure or status HAProxy does not retry on, uses `none` with other words, or is empty.",
        rationale: """
            `retry-on` lists the failures after which HAProxy sends a request again: `conn-failure`, \
            `empty-response`, `junk-response`, `response-timeout`, `0rtt-rejected`, the statuses 401, 403, 404, \
            408, 425, 500, 501, 502, 503 and 504, `all-retryable-errors`, or `none` alone. HAProxy refuses the \
            configuration at any other word (`'retry-on': unknown keyword '429'`), at `none` beside another word, \
            and at a line without words. The semantic layer reads the line once (`RetryOnSpec`); `weir compile` \
            builds the engine's retry policy from the same reading.
            """,
        fix: "Keep the words HAProxy knows; retry on 429 or 5xx statuses it does not list with `http-response` rules instead.",
        triggering: [
            .haproxy("""
                defaults
                    mode http
                    timeout connect 5s
                    timeout client 30s
                    timeout server 30s
                backend app
                    retry-on conn-failure ↓429
                    server a 127.0.0.1:8080
                backend api
                    retry-on ↓none 503
                    server a 127.0.0.1:8081

                """),
        ],
        nonTriggering: [
            .haproxy("""
                defaults
                    mode http
                    timeout connect 5s
                    timeout client 30s
                    timeout server 30s
                    retry-on all-retryable-errors 425
                backend app
                    retry-on conn-failure empty-response response-timeout 503 504
                    server a 127.0.0.1:8080
                backend api
                    retry-on none
                    server a 127.0.0.1:8081

                """),
        ])

    func check(_ context: HAProxyCheckContext, _ findings: inout Findings) {
        guard context.vocabulary.uses(keyword: "retry-on") else { return }
        for proxy in context.configuration.defaults + context.configuration.proxies {
            for line in proxy.directives where line.keyword == "retry-on" && line.modifier == nil {
                guard let problem = RetryOnSpec(words: line.arguments, ranges: line.argumentRanges, line: line.range).problem else {
                    continue
                }
                findings.report(problem.message, at: problem.range)
            }
        }
    }
}
