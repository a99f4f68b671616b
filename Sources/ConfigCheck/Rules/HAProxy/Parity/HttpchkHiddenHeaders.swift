import ConfigDiagnostics
import HAProxyConfig

/// Headers smuggled into the version argument of `option httpchk`.
struct HttpchkHiddenHeaders: HAProxyRule {
    static let description = RuleDescription(
        id: "httpchk-hidden-headers", severity: .warning, domain: .haproxy,
        summary: "`option httpchk` hides headers or a body after its HTTP version with `\\r\\n`.",
        rationale: """
            Before HAProxy 2.2 the only way to send a Host header with a health check was to append it to the \
            version string: `option httpchk GET /health HTTP/1.1\\r\\nHost:\\ example.com`. HAProxy 2.6 still \
            accepts it but prints a deprecation WARNING ("hiding headers or body at the end of the version string \
            is deprecated. Please, consider to use 'http-check send' directive instead"), and the escaped \
            spaces and line breaks are easy to get wrong. `http-check send` states the headers and body as \
            separate, checked arguments.
            """,
        fix: "Keep the method, URI and version on `option httpchk` and move the headers to `http-check send hdr NAME VALUE`.",
        triggering: [
            .haproxy("""
                backend app
                    mode http
                    timeout connect 5s
                    timeout server 30s
                    option httpchk GET /health ↓HTTP/1.1\\r\\nHost:\\ www.example.com
                    server a 127.0.0.1:8080 check

                """),
        ],
        nonTriggering: [
            .haproxy("""
                backend app
                    mode http
                    timeout connect 5s
                    timeout server 30s
                    option httpchk GET /health HTTP/1.1
                    http-check send hdr Host www.example.com
                    server a 127.0.0.1:8080 check

                """),
        ])

    static let message = "headers hidden after the HTTP version of 'option httpchk' are deprecated: use 'http-check send hdr NAME VALUE'"

    func check(_ context: HAProxyCheckContext, _ findings: inout Findings) {
        for proxy in context.allProxies {
            for line in proxy.directives("option httpchk") where line.modifier == nil && line.arguments.count >= 3 {
                if line.arguments[2].containsBytes("\r\n") { findings.report(Self.message, at: line.argumentRanges[2]) }
            }
        }
    }
}
