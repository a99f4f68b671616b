import ConfigDiagnostics
import HAProxyConfig

/// Two log formats set in the same defaults section: the later wins.
struct LogFormatOverridden: HAProxyRule {
    static let description = RuleDescription(
        id: "log-format-overridden", severity: .warning, domain: .haproxy,
        summary: "A defaults section sets the log format twice, so the first setting has no effect.",
        rationale: """
            `option httplog`, `option httpslog`, `option tcplog` and `log-format` all set the same thing: the \
            format of the traffic log line. In a defaults section the last one wins and HAProxy says so with a \
            WARNING ("'log-format' overrides previous 'option httplog' in 'defaults' section"). Writing both \
            usually means the author expected them to combine; they do not, so the log lines lose whatever the \
            overridden setting gave.
            """,
        fix: "Keep only one of them: a custom `log-format`, or one of the `option …log` presets.",
        triggering: [
            .haproxy("""
                defaults
                    mode http
                    option httplog
                    ↓log-format "%ci:%cp [%t] %ft %b/%s %ST %B"

                """),
        ],
        nonTriggering: [
            .haproxy("""
                defaults
                    mode http
                    log stdout format raw local0
                    timeout client 30s
                    log-format "%ci:%cp [%t] %ft %b/%s %ST %B"
                frontend web
                    bind :80
                    option httplog

                """),
        ])

    static func message(_ later: String, _ earlier: String) -> String {
        "'\(later)' overrides the earlier '\(earlier)' in this defaults section"
    }

    func check(_ context: HAProxyCheckContext, _ findings: inout Findings) {
        let defaults = context.configuration.defaults
        for section in defaults {
            var current = Self.inherited(section, defaults)
            for line in section.directives {
                guard let setting = LogFormatSetting(line) else { continue }
                if let earlier = current {
                    let note = DiagnosticNote(message: "'\(earlier.name)' was set here", range: earlier.range)
                    findings.report(Self.message(line.keyword, earlier.name), at: line.range, notes: [note])
                }
                current = (setting.name, line.range)
            }
        }
    }

    /// The log format a `defaults from NAME` section starts with.
    static func inherited(_ section: Proxy, _ defaults: [Proxy]) -> (name: String, range: SourceRange)? {
        var next = section.defaultsName == nil ? nil : section.defaultsIndex
        var seen = 0
        while let index = next, defaults.indices.contains(index), seen < defaults.count {
            if let setting = defaults[index].directives.reversed().lazy.compactMap(LogFormatSetting.init).first {
                return (setting.name, setting.line.range)
            }
            next = defaults[index].defaultsIndex
            seen += 1
        }
        return nil
    }
}
