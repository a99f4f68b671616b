import ConfigDiagnostics
import HAProxyConfig

/// A status code HAProxy refuses in a reply or a redirect.
struct HTTPStatusInvalid: HAProxyRule {
    static let description = RuleDescription(
        id: "http-status-invalid", severity: .error, domain: .haproxy,
        summary: "A `deny`, `tarpit`, `return` or `http-error` status outside 200–599, a redirect `code` other than 301, 302, 303, 307 or 308, an `http-check expect status` list that is not codes and ranges, or an `errorfile`/`errorloc` status HAProxy has no error page for.",
        rationale: """
            The replies HAProxy builds itself take their status from `status` (or `deny_status`), which must be \
            between 200 and 599 (\"Unexpected status code\"); redirects take theirs from `code`, which must be \
            301, 302, 303, 307 or 308 (\"unsupported HTTP code\"); `http-check expect status` takes codes and \
            ranges (`200,301-302`), not patterns like `2xx` (use `rstatus ^2`); `errorfile` and `errorloc` replace \
            one of HAProxy's own error pages, which exist for 200, 400, 401, 403, 404, 405, 407, 408, 410, 413, \
            421, 422, 425, 429, 500, 501, 502, 503 and 504 only ("status code '418' not handled"). HAProxy \
            refuses any other value at start-up, and reads a word that is not a number as 0.
            """,
        fix: "Use a status HAProxy can send: 403 or 429 to refuse, 503 when down; 301/308 for permanent redirects, 302/307 for temporary ones.",
        triggering: [
            .haproxy("""
                defaults
                    mode http
                    timeout connect 5s
                    timeout client 30s
                    timeout server 30s
                frontend web
                    bind :80
                    http-request deny deny_status ↓999 if { path_beg /admin }
                    http-request return status ↓100 if { path /ping }
                    http-request redirect code ↓305 location /new if { path /old }
                    redirect scheme https code ↓300 if !{ ssl_fc }
                    default_backend app
                backend app
                    option httpchk
                    http-check expect status ↓2xx
                    errorloc ↓418 https://example.com/teapot
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
                    http-request deny deny_status 429 if { path_beg /admin }
                    http-request return status 200 content-type text/plain string ok if { path /ping }
                    http-request redirect code 308 location /new if { path /old }
                    redirect scheme https code 301 if !{ ssl_fc }
                    default_backend app
                backend app
                    option httpchk
                    http-check expect status 200-299,301
                    errorloc302 503 https://status.example.com/
                    server a 127.0.0.1:8080 check

                """),
        ])

    /// Actions that build a reply from `status` / `deny_status`.
    static let replyActions: Set<String> = ["deny", "tarpit", "return"]
    static let redirectCodes: Set<Int> = [301, 302, 303, 307, 308]

    func check(_ context: HAProxyCheckContext, _ findings: inout Findings) {
        let linesToRead = ["http-error", "redirect", "http-check expect"].contains(where: context.vocabulary.uses(keyword:))
        if Self.errorPageKeywords.contains(where: context.vocabulary.uses(keyword:)) {
            for proxy in context.configuration.defaults + context.configuration.proxies {
                for line in proxy.directives where line.modifier == nil && Self.errorPageKeywords.contains(line.keyword) {
                    checkErrorPage(line, &findings)
                }
            }
        }
        for proxy in context.configuration.proxies {
            for rule in proxy.rules where rule.hook.hasPrefix("http-") {
                if rule.action == "redirect" {
                    checkRedirect(rule.arguments, rule.argumentRanges, &findings)
                } else if Self.replyActions.contains(rule.action) {
                    checkStatus(rule.arguments, rule.argumentRanges, &findings)
                }
            }
            for line in proxy.directives where linesToRead && (line.keyword == "http-error" || line.keyword == "redirect"
                || line.keyword == "http-check expect") {
                if line.keyword == "http-check expect" {
                    checkExpectedStatuses(line.arguments, line.argumentRanges, &findings)
                } else if line.keyword == "redirect" {
                    checkRedirect(line.arguments, line.argumentRanges, &findings)
                } else {
                    checkStatus(line.arguments, line.argumentRanges, &findings)
                }
            }
        }
    }

    /// The statuses HAProxy has an error page for (`http_err_codes`): the only ones `errorfile` and `errorloc` take.
    static let errorPageCodes: Set<Int> = [200, 400, 401, 403, 404, 405, 407, 408, 410, 413, 421, 422, 425, 429, 500,
                                           501, 502, 503, 504]
    static let errorPageKeywords: Set<String> = ["errorfile", "errorloc", "errorloc302", "errorloc303"]

    /// The status of an `errorfile` or `errorloc` line.
    private func checkErrorPage(_ line: Directive, _ findings: inout Findings) {
        guard let code = line.arguments.first, !Self.errorPageCodes.contains(Int(code) ?? 0) else { return }
        findings.report("'\(line.keyword)': status code '\(code)' not handled: HAProxy has error pages for "
                        + Self.errorPageCodes.sorted().map(String.init).joined(separator: ", "), at: line.argumentRanges[0])
    }

    /// The value after `status` or `deny_status`.
    private func checkStatus(_ words: [String], _ ranges: [SourceRange], _ findings: inout Findings) {
        for index in words.indices.dropLast() where words[index] == "status" || words[index] == "deny_status" {
            guard !(200...599).contains(Int(words[index + 1]) ?? 0) else { continue }
            findings.report("status '\(words[index + 1])' is not between 200 and 599", at: ranges[index + 1])
        }
    }

    /// The list after `http-check expect [!] status`: codes and ranges (`200,301-302`).
    private func checkExpectedStatuses(_ words: [String], _ ranges: [SourceRange], _ findings: inout Findings) {
        guard let index = words.firstIndex(of: "status"), index + 1 < words.count else { return }
        let list = words[index + 1]
        guard let bad = list.first(where: { !($0.isASCII && $0.isNumber) && $0 != "," && $0 != "-" }) else { return }
        findings.report("invalid character '\(bad)' in the list of status codes '\(list)'", at: ranges[index + 1])
    }

    /// The value after `code`, up to the condition.
    private func checkRedirect(_ words: [String], _ ranges: [SourceRange], _ findings: inout Findings) {
        for index in words.indices.dropLast() {
            if words[index] == "if" || words[index] == "unless" { return }
            guard words[index] == "code", !Self.redirectCodes.contains(Int(words[index + 1]) ?? 0) else { continue }
            findings.report("redirect code '\(words[index + 1])' is not one of 301, 302, 303, 307 or 308", at: ranges[index + 1])
        }
    }
}
