/// A time whose unit is followed by characters HAProxy 2.6 ignores.
struct TimeSuffixIgnored: SyntaxRule {
    static let description = RuleDescription(
        id: "time-suffix-ignored", severity: .warning, domain: .haproxySyntax,
        summary: "A time has characters after its unit that HAProxy 2.6 ignores (`15min`, `5sec`, `1m30s`).",
        rationale: """
            HAProxy reads the unit from the first one or two characters after the number (us, ms, s, m, h, d) and \
            ignores the rest with a WARNING: "unexpected character 'i' after the timer value '15min' … This will \
            be reported as an error in next versions". So `15min` is 15 minutes and `5sec` 5 seconds, but `1m30s` \
            is one minute, not 90 seconds, and a later HAProxy refuses all of them. A character that starts no unit \
            (`30x`, `10S`, `1.5s`) is an error instead (`invalid-argument`).
            """,
        fix: "Write the unit alone (`15m`, `5s`); the fix-it keeps the value HAProxy reads today.",
        triggering: [
            .haproxy("""
                defaults
                    timeout client ↓15min
                    timeout connect ↓5sec
                    timeout server ↓1m30s

                """),
        ],
        nonTriggering: [
            .haproxy("""
                defaults
                    timeout client 15m
                    timeout connect 5s
                    timeout server 90s

                """),
        ])
}
