import ConfigDiagnostics
import HAProxyConfig

/// A sample expression (`%[…]` in a format string, an ACL criterion) that
/// HAProxy cannot parse.
struct SampleExpressionSyntax: HAProxyRule {
    static let description = RuleDescription(
        id: "sample-expression-syntax", severity: .error, domain: .haproxy,
        summary: "A sample expression is malformed: no fetch method, an unclosed parenthesis, or stray text before `]`.",
        rationale: """
            A sample expression is a fetch method, its arguments in parentheses, then converters separated by \
            commas: `%[req.hdr(host),lower]` in a format string, `path_beg` or `req.hdr(x-id)` as an ACL \
            criterion. HAProxy refuses the configuration when the fetch name is missing ("missing fetch method"), \
            a parenthesis is not closed, or something other than a comma or `]` follows an argument list \
            ("expected ']' after 'hdr(arg)', but found ')'"); these are ALERTs of haproxy -c.
            """,
        fix: "Write the expression as `%[fetch(args),converter(args)]`.",
        triggering: [
            .haproxy("""
                frontend web
                    mode http
                    bind :80
                    timeout client 30s
                    http-request set-header X-Host ↓%[req.hdr(host))]
                    http-request set-header X-Id ↓%[(arg)]
                    http-request deny if { ↓(arg) -m found }

                """),
        ],
        nonTriggering: [
            .haproxy("""
                frontend web
                    mode http
                    bind :80
                    timeout client 30s
                    http-request set-header X-Host %[req.hdr(host),lower,regsub(\\.,_,g)]
                    http-request set-path "%[path,regsub('^/api/(v[0-9]+)/',/\\1/)]"
                    http-request set-header X-Client "%ci:%cp %{+Q}[src] 100%%"
                    http-request deny if { req.hdr(x-id) -m found }

                """),
        ])

    static func message(_ problem: String, _ text: String) -> String { "\(problem) in sample expression '\(text)'" }

    func check(_ context: HAProxyCheckContext, _ findings: inout Findings) {
        for site in context.sampleSites {
            if case .failure(let problem) = site.parsed {
                findings.report(Self.message(problem.text, site.text), at: site.range)
            }
        }
    }
}
