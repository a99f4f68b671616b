import ConfigDiagnostics
import HAProxyConfig

/// `http-errors` sections and their users as HAProxy checks them: a section name declared twice, an `errorfiles`
/// or http reply naming a section that does not exist, a status the section does not declare, `http-error`
/// without its status.
struct HTTPErrorsInvalid: HAProxyRule {
    static let description = RuleDescription(
        id: "http-errors-invalid", severity: .error, domain: .haproxy,
        summary: "An `http-errors` section declared twice, `errorfiles` or an http reply naming a section that does not exist or a status it does not declare, or `http-error` without a status.",
        rationale: """
            An `http-errors NAME` section holds `errorfile` pages that proxies use with `errorfiles NAME [CODE…]` \
            and that http replies (`http-request deny … errorfiles NAME`, `http-request return … errorfiles \
            NAME`, `http-error status N errorfiles NAME`) pick by status. HAProxy refuses a second section of the \
            same name and a reference to a section that does not exist ("unknown http-errors section"); it \
            warns when `errorfiles NAME CODE` lists, or a reply needs, a status the section has no page for \
            (HAProxy's own page is used instead). `http-error` needs at least `status CODE`.
            """,
        fix: "Declare the section once, name it exactly, and give it an `errorfile` line for every status used.",
        triggering: [
            .haproxy("""
                http-errors site
                    errorfile 503 /dev/null
                ↓http-errors site
                    errorfile 404 /dev/null
                defaults
                    mode http
                    timeout connect 5s
                    timeout client 30s
                    timeout server 30s
                frontend web
                    bind 127.0.0.1:8080
                    ↓errorfiles missing
                    ↓errorfiles site 502
                    ↓http-request deny deny_status 403 errorfiles site if { path /a }
                    ↓http-request return status 503 errorfiles other if { path /b }
                    ↓http-error
                    default_backend app
                backend app
                    server a 127.0.0.1:9000

                """),
        ],
        nonTriggering: [
            .haproxy("""
                http-errors site
                    errorfile 503 /dev/null
                    errorfile 403 /dev/null
                defaults
                    mode http
                    timeout connect 5s
                    timeout client 30s
                    timeout server 30s
                frontend web
                    bind 127.0.0.1:8080
                    errorfiles site 503
                    http-request deny errorfiles site if { path /a }
                    http-error status 503 errorfiles site
                    default_backend app
                backend app
                    server a 127.0.0.1:9000

                """),
        ])

    func check(_ context: HAProxyCheckContext, _ findings: inout Findings) {
        var sections: [String: Set<Int>] = [:]
        for section in context.configuration.otherSections where section.kind == "http-errors" {
            guard let name = section.name else { continue }
            let statuses = Set(section.directives.filter { $0.keyword == "errorfile" }.compactMap { $0.arguments.first.flatMap { Int($0) } })
            guard sections[name] == nil else {
                findings.report("http-errors section '\(name)' already exists",
                                at: section.range.with(start: section.range.start, end: section.range.start))
                continue
            }
            sections[name] = statuses
        }
        for proxy in context.allProxies {
            for line in proxy.directives {
                switch line.keyword {
                case "errorfiles":
                    guard let name = line.arguments.first else { continue }
                    guard let declared = sections[name] else {
                        findings.report("unknown http-errors section '\(name)'", at: line.range)
                        continue
                    }
                    for code in line.arguments.dropFirst().compactMap({ Int($0) }) where !declared.contains(code) {
                        findings.report("status '\(code)' not declared in http-errors section '\(name)'", at: line.range,
                                        severity: .warning)
                    }
                case "http-error":
                    if line.arguments.isEmpty {
                        findings.report("'http-error' expects at least a <status> as arguments", at: line.range)
                    } else {
                        checkReply(line.range, words: line.arguments, defaultStatus: 200, sections, &findings)
                    }
                default:
                    continue
                }
            }
            for rule in proxy.rules where ["deny", "tarpit", "return"].contains(rule.action)
                && ["http-request", "http-response", "http-after-response"].contains(rule.hook) {
                let status = rule.action == "return" ? 200 : rule.action == "tarpit" ? 500 : rule.hook == "http-request" ? 403 : 502
                checkReply(rule.range, words: rule.arguments, defaultStatus: status, sections, &findings)
            }
        }
    }

    /// The `errorfiles NAME` of an http reply: the section must exist and should have a page for the reply's status.
    private func checkReply(_ range: SourceRange, words: [String], defaultStatus: Int, _ sections: [String: Set<Int>],
                            _ findings: inout Findings) {
        let end = words.firstIndex { $0 == "if" || $0 == "unless" } ?? words.endIndex
        let reply = Array(words[..<end])
        guard let index = reply.firstIndex(of: "errorfiles"), index + 1 < reply.count else { return }
        let name = reply[index + 1]
        guard let declared = sections[name] else {
            return findings.report("unknown http-errors section '\(name)' referenced by an http reply", at: range)
        }
        let statusIndex = reply.firstIndex { $0 == "status" || $0 == "deny_status" }
        let status = statusIndex.flatMap { $0 + 1 < reply.count ? Int(reply[$0 + 1]) : nil } ?? defaultStatus
        if !declared.contains(status) {
            findings.report("status '\(status)' referenced by an http reply not declared in http-errors section '\(name)'",
                            at: range, severity: .warning)
        }
    }
}
