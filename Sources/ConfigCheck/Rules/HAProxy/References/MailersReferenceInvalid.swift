import ConfigDiagnostics
import HAProxyConfig

/// `email-alert mailers` naming a `mailers` section that does not exist, and a `mailers` section no proxy's email
/// alerts use, which HAProxy removes with a warning.
struct MailersReferenceInvalid: HAProxyRule {
    static let description = RuleDescription(
        id: "mailers-reference-invalid", severity: .error, domain: .haproxy,
        summary: "`email-alert mailers` names a `mailers` section that does not exist, or a `mailers` section is used by no proxy's email alerts.",
        rationale: """
            A proxy whose email alerts are complete (`email-alert mailers`, `from` and `to`, in the proxy or its \
            `defaults`) sends them through the named `mailers` section; HAProxy refuses the configuration when \
            no section has that name ("unable to find mailers"). A `mailers` section that no such proxy uses is \
            removed, with a warning ("Removing incomplete section 'mailers …'"), so its servers are never \
            contacted.
            """,
        fix: "Name an existing `mailers` section in `email-alert mailers`, or remove the section nothing uses.",
        triggering: [
            .haproxy("""
                ↓mailers spare
                    mailer smtp1 127.0.0.1:25
                defaults
                    mode http
                    timeout connect 5s
                    timeout client 30s
                    timeout server 30s
                backend app
                    ↓email-alert mailers smtp
                    email-alert from haproxy@example.com
                    email-alert to ops@example.com
                    server a 127.0.0.1:9000

                """),
        ],
        nonTriggering: [
            .haproxy("""
                mailers smtp
                    mailer smtp1 127.0.0.1:25
                defaults
                    mode http
                    timeout connect 5s
                    timeout client 30s
                    timeout server 30s
                    email-alert mailers smtp
                    email-alert from haproxy@example.com
                backend app
                    email-alert to ops@example.com
                    server a 127.0.0.1:9000

                """),
        ])

    func check(_ context: HAProxyCheckContext, _ findings: inout Findings) {
        let sections = context.configuration.otherSections.filter { $0.kind == "mailers" }
        guard !sections.isEmpty || context.vocabulary.uses(keyword: "email-alert mailers") else { return }
        let names = Set(sections.compactMap(\.name))
        var used: Set<String> = []
        var reported: Set<SourceRange> = []
        for effective in context.proxies where effective.directive("disabled") == nil {
            guard let line = effective.directive("email-alert mailers"), let name = line.arguments.first,
                  effective.directive("email-alert from") != nil, effective.directive("email-alert to") != nil
            else { continue }
            if names.contains(name) {
                used.insert(name)
            } else if reported.insert(line.range).inserted {
                findings.report("Proxy '\(effective.name)': unable to find mailers '\(name)'", at: line.range)
            }
        }
        for section in sections {
            guard let name = section.name, !used.contains(name) else { continue }
            findings.report("Removing incomplete section 'mailers \(name)': no proxy's email alerts use it",
                            at: section.range.with(start: section.range.start, end: section.range.start),
                            severity: .warning)
        }
    }
}
