import ConfigDiagnostics
import HAProxyConfig

/// An `errorfiles` or `http-error … errorfiles` line naming no `http-errors` section.
struct HTTPErrorsUndefined: HAProxyRule {
    static let description = RuleDescription(
        id: "http-errors-undefined", severity: .error, domain: .haproxy,
        summary: "An `errorfiles NAME` or `http-error status STATUS errorfiles NAME` names an `http-errors` section that does not exist.",
        rationale: """
            `errorfiles NAME` takes a proxy's error pages from the `http-errors NAME` section, and `http-error \
            status STATUS errorfiles NAME` one page from it. When no such section exists, haproxy refuses to \
            start ("unknown http-errors section 'NAME'"). The semantic layer reads these lines once \
            (`ErrorPageLine`); `weir compile` takes the engine's error pages from the same reading.
            """,
        fix: "Correct the name, or declare the `http-errors` section.",
        triggering: [
            .haproxy("""
                defaults
                    mode http
                    timeout connect 5s
                    timeout client 30s
                    timeout server 30s
                http-errors site
                    errorfile 503 /dev/null
                backend app
                    errorfiles ↓sites
                    http-error status 503 errorfiles ↓missing
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
                http-errors site
                    errorfile 503 /dev/null
                backend app
                    errorfiles site 503
                    http-error status 503 errorfiles site
                    server a 127.0.0.1:8080

                """),
        ])

    func check(_ context: HAProxyCheckContext, _ findings: inout Findings) {
        guard context.vocabulary.uses(keyword: "errorfiles") || context.vocabulary.uses(keyword: "http-error") else { return }
        let sections = Set(context.configuration.otherSections.filter { $0.kind == "http-errors" }.compactMap(\.name))
        for proxy in context.configuration.proxies {
            for directive in proxy.directives where directive.keyword == "errorfiles" || directive.keyword == "http-error" {
                guard let line = ErrorPageLine(directive), case .section(let name, _) = line.source, !sections.contains(name) else {
                    continue
                }
                findings.report(ErrorPageLine.undefinedSectionMessage(name), at: line.sectionNameRange ?? directive.range)
            }
        }
    }
}
