import ConfigDiagnostics
import HAProxyConfig

/// A timeout written without a unit whose number reads like seconds.
struct TimeoutUnitless: HAProxyRule {
    static let description = RuleDescription(
        id: "timeout-unitless", severity: .warning, domain: .haproxy,
        summary: "A timeout has no unit and a small number (`timeout client 30`): HAProxy reads milliseconds.",
        rationale: """
            A bare number in a `timeout` is milliseconds, so `timeout client 30` closes idle clients after 30 ms \
            and `timeout connect 5` gives servers 5 ms to accept. Numbers below 100 without a unit are almost \
            always seconds in the author's mind; HAProxy accepts them without a word, and the failures look like \
            network trouble. Larger bare numbers (`timeout connect 5000`) are the old millisecond style and are \
            not reported.
            """,
        fix: "Write the unit: the fix-it reads the number as seconds (`30s`); write `ms` if milliseconds were meant.",
        triggering: [
            .haproxy("""
                defaults
                    mode http
                    timeout connect ↓5
                    timeout client ↓30
                    timeout server 30000

                """),
        ],
        nonTriggering: [
            .haproxy("""
                defaults
                    mode http
                    timeout connect 5s
                    timeout client 30000
                    timeout server 50ms
                    timeout http-keep-alive 0

                """),
        ])

    static func message(_ keyword: String, _ value: String) -> String {
        "'\(keyword) \(value)' is \(value) milliseconds: a number without a unit is read in milliseconds"
    }

    func check(_ context: HAProxyCheckContext, _ findings: inout Findings) {
        for proxy in context.allProxies {
            for line in proxy.directives where line.keyword.hasPrefix("timeout ") && line.modifier == nil {
                guard let value = line.arguments.first, let number = Int(value), number > 0, number < 100,
                      let range = line.argumentRanges.first else { continue }
                findings.report(Self.message(line.keyword, value), at: range,
                                fixIts: [FixIt(message: "use '\(value)s'", range: range, replacement: value + "s")])
            }
        }
    }
}
