import ConfigDiagnostics
import HAProxyConfig

/// A regular expression that PCRE refuses, where HAProxy compiles one at start-up.
struct RegexInvalid: HAProxyRule {
    static let description = RuleDescription(
        id: "regex-invalid", severity: .error, domain: .haproxy,
        summary: "A regular expression has unbalanced parentheses, an unterminated `[`, a trailing backslash or a quantifier with nothing to repeat.",
        rationale: """
            HAProxy compiles every regular expression of the configuration with PCRE when it starts, and refuses \
            the configuration when one does not compile (`regex '^/(old' is invalid (error=missing closing \
            parenthesis)`). weir checks the regex of `http-request`/`http-response` `replace-header`, \
            `replace-value`, `replace-path`, `replace-pathq` and `replace-uri`, and `http-check expect \
            rstatus|rstring`, for the mistakes that PCRE always refuses: a `(` without its `)` or the reverse, a \
            `[` without its `]`, a backslash at the end, `*`, `+` or `?` with nothing before them, and `{n,m}` \
            with n above m. ACL patterns matched as regular expressions are checked the same way under \
            `acl-invalid`; the regex of the `regsub` converter is not checked.
            """,
        fix: "Close the group or class, escape the character (`\\\\(`, `\\\\[`, `\\\\*`), or remove the stray quantifier.",
        triggering: [
            .haproxy("""
                defaults
                    mode http
                    timeout connect 5s
                    timeout client 30s
                    timeout server 30s
                frontend web
                    bind :80
                    http-request replace-path ↓^/v1/([a-z /v2/\\1
                    default_backend app
                backend app
                    option httpchk
                    http-check expect rstring ↓ok)
                    server a 127.0.0.1:8080 check

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
                    http-request replace-path ^/v1/([a-z]+)(.*) /v2/\\1\\2
                    http-request replace-header Host (?i)^www\\.(.*)$ \\1
                    default_backend app
                backend app
                    option httpchk
                    http-check expect rstring (?:ok|ready)+?
                    server a 127.0.0.1:8080 check

                """),
        ])

    /// Actions whose regex is their first argument after the header name (`replace-header NAME REGEX …`).
    static let headerReplacements: Set<String> = ["replace-header", "replace-value"]
    /// Actions whose regex is their first argument (`replace-path REGEX FORMAT`).
    static let pathReplacements: Set<String> = ["replace-path", "replace-pathq", "replace-uri"]

    func check(_ context: HAProxyCheckContext, _ findings: inout Findings) {
        let checksExpect = context.vocabulary.uses(keyword: "http-check expect")
        for proxy in context.configuration.proxies {
            for rule in proxy.rules where rule.hook == "http-request" || rule.hook == "http-response" {
                let position = Self.headerReplacements.contains(rule.action) ? 1 : Self.pathReplacements.contains(rule.action) ? 0 : nil
                guard let position, position < rule.arguments.count else { continue }
                report(rule.arguments[position], at: rule.argumentRanges[position], &findings)
            }
            for line in proxy.directives where checksExpect && line.keyword == "http-check expect" {
                guard let kind = line.arguments.firstIndex(where: { $0 == "rstatus" || $0 == "rstring" }),
                      kind + 1 < line.arguments.count else { continue }
                report(line.arguments[kind + 1], at: line.argumentRanges[kind + 1], &findings)
            }
        }
    }

    private func report(_ pattern: String, at range: SourceRange, _ findings: inout Findings) {
        if let problem = RegexSyntax.problem(in: pattern) { findings.report(RegexSyntax.message(pattern, problem), at: range) }
    }
}
