import ConfigDiagnostics
import HAProxyConfig

/// `zero-warning` in `global` turns every HAProxy warning into a refusal to start.
struct ZeroWarningRefused: SyntaxRule {
    static let description = RuleDescription(
        id: "zero-warning-refused", severity: .error, domain: .haproxy,
        summary: "`zero-warning` is set and HAProxy warns about the configuration, so it refuses to start.",
        rationale: """
            With `zero-warning` in the global section, haproxy -c and haproxy itself stop after reading the \
            configuration if it printed any WARNING ("Some warnings were found and 'zero-warning' is set. \
            Aborting."). Weir reports this at the `zero-warning` line, with each warning it found that mirrors one \
            of HAProxy's own (missing timeouts, options ignored outside HTTP mode, `15min`, a `.warning` \
            directive…) as a note. Weir's own warnings about silent mistakes do not count: HAProxy does not print \
            them. It is reported after all the rules ran, whichever of them are enabled.
            """,
        fix: "Fix the warnings the notes list, or remove `zero-warning`.",
        triggering: [
            .haproxy("""
                global
                    ↓zero-warning
                defaults
                    mode http
                    timeout connect 5s
                    timeout client 15min
                    timeout server 30s
                frontend web
                    bind :80
                    default_backend app
                backend app
                    server a 127.0.0.1:8080

                """),
        ],
        nonTriggering: [
            .haproxy("""
                global
                    zero-warning
                defaults
                    mode http
                    timeout connect 5s
                    timeout client 15m
                    timeout server 30s
                frontend web
                    bind :80
                    default_backend app
                backend app
                    server a 127.0.0.1:8080

                """),
        ])

    /// The rules whose warnings are warnings HAProxy itself prints.
    static let haproxyWarnings: Set<RuleID> = Set([
        "time-suffix-ignored", "keyword-ignored", "warning-directive", "timeout-missing", "http-mode-required",
        "log-format-without-log", "l6-fetch-in-http-proxy", "cookie-without-http-mode",
        "external-check-without-insecure-fork", "peers-local-peer-missing", "defaults-mixed-reference",
        "log-format-overridden", "http-reply-content-type-ignored", "httpchk-hidden-headers", "rule-unreachable",
        "rule-order-ignored",
    ].map { RuleID($0) })

    static func message(_ count: Int) -> String {
        "'zero-warning' is set and HAProxy prints \(count) warning\(count == 1 ? "" : "s") for this configuration: "
            + "it refuses to start"
    }

    /// Whether HAProxy prints this warning too (of the settings given twice, it warns only about timeouts).
    static func isHAProxyWarning(_ diagnostic: Diagnostic) -> Bool {
        haproxyWarnings.contains(diagnostic.rule)
            || (diagnostic.rule == SettingOverridden.description.id && diagnostic.message.hasPrefix("overwriting 'timeout "))
    }

    /// The finding for one configuration, given every finding of its rules.
    static func check(_ configuration: HAProxyConfiguration, _ diagnostics: [Diagnostic]) -> Diagnostic? {
        guard let line = configuration.global?.directives.first(where: { $0.keyword == "zero-warning" }) else { return nil }
        let warnings = diagnostics.filter { $0.severity == .warning && isHAProxyWarning($0) }.sortedForOutput()
        guard !warnings.isEmpty else { return nil }
        let notes = warnings.map { DiagnosticNote(message: "\($0.message) [\($0.rule)]", range: $0.range) }
        return Diagnostic(.error, description.id, message(warnings.count), at: line.range, notes: notes)
    }
}
