import ConfigDiagnostics
import HAProxyConfig

/// A health-check interval of zero.
struct CheckIntervalZero: HAProxyRule {
    static let description = RuleDescription(
        id: "check-interval-zero", severity: .error, domain: .haproxy,
        summary: "A server or `default-server` sets `inter`, `fastinter` or `downinter` to 0.",
        rationale: """
            The check intervals say how long HAProxy waits between two health checks. Zero would mean checking \
            without pause, and HAProxy refuses it (\"invalid value 0 for argument 'inter'\").
            """,
        fix: "Give the interval a length (`inter 2s`), or remove it to keep the default of 2 seconds.",
        triggering: [
            .haproxy("""
                defaults
                    mode http
                    timeout connect 5s
                    timeout client 30s
                    timeout server 30s
                backend app
                    default-server check ↓fastinter 0
                    server a 127.0.0.1:8080 ↓inter 0ms

                """),
        ],
        nonTriggering: [
            .haproxy("""
                defaults
                    mode http
                    timeout connect 5s
                    timeout client 30s
                    timeout server 30s
                backend app
                    default-server check fastinter 500ms
                    server a 127.0.0.1:8080 inter 2s downinter 10s

                """),
        ])

    static let intervals: Set<String> = ["inter", "fastinter", "downinter"]

    func check(_ context: HAProxyCheckContext, _ findings: inout Findings) {
        guard Self.intervals.contains(where: context.vocabulary.uses(option:)) else { return }
        for proxy in context.configuration.defaults + context.configuration.proxies {
            for server in [proxy.defaultServer].compactMap({ $0 }) + proxy.servers {
                // Only a value starting with 0 can read as no time: the set is asked about those alone.
                for option in server.options where option.value?.utf8.first == UInt8(ascii: "0") && Self.intervals.contains(option.name) {
                    guard let value = option.value, let duration = try? Duration.parse(value).get(), duration.microseconds == 0 else { continue }
                    findings.report("'\(option.name)' cannot be 0: HAProxy would check without pause", at: option.range)
                }
            }
        }
    }
}
