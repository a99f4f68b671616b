import ConfigDiagnostics
import HAProxyConfig

/// A `log` line with a facility or level HAProxy does not know.
struct LogTargetInvalid: HAProxyRule {
    static let description = RuleDescription(
        id: "log-target-invalid", severity: .error, domain: .haproxy,
        summary: "A `log` line lacks its address or facility, names a syslog facility or level that does not exist, or has words after its levels.",
        rationale: """
            `log TARGET [len N] [format F] [sample R:S] FACILITY [LEVEL [MINLEVEL]]` sends logs to a syslog \
            target. The facility is one of `kern`, `user`, `mail`, `daemon`, `auth`, `syslog`, `lpr`, `news`, \
            `uucp`, `cron`, `auth2`, `ftp`, `ntp`, `audit`, `alert`, `cron2`, `local0` … `local7`; the levels are \
            `emerg`, `alert`, `crit`, `err`, `warning`, `notice`, `info`, `debug`. HAProxy refuses any other word \
            (\"unknown log facility\", \"unknown optional log level\"), and a line with an address but no \
            facility (\"expects <address> and <facility> as arguments\"); `log global` is the only one-word form.
            """,
        fix: "Use a facility such as `local0` and a level such as `info` (`log 10.0.0.1:514 local0 info`).",
        triggering: [
            .haproxy("""
                global
                    log 127.0.0.1:514 ↓local9
                    log 127.0.0.1:515 len 2048 local0 ↓information
                    ↓log 127.0.0.1:516

                """),
        ],
        nonTriggering: [
            .haproxy("""
                global
                    log 127.0.0.1:514 local0
                    log 127.0.0.1:515 len 2048 format rfc5424 sample 1:2 local1 notice err
                    log stdout format raw daemon
                defaults
                    log global

                """),
        ])

    static let facilities: Set<String> = [
        "kern", "user", "mail", "daemon", "auth", "syslog", "lpr", "news", "uucp", "cron", "auth2", "ftp", "ntp", "audit",
        "alert", "cron2", "local0", "local1", "local2", "local3", "local4", "local5", "local6", "local7",
    ]
    static let levels: Set<String> = ["emerg", "alert", "crit", "err", "warning", "notice", "info", "debug"]

    func check(_ context: HAProxyCheckContext, _ findings: inout Findings) {
        guard context.vocabulary.uses(keyword: "log") else { return }
        context.forEachDirective { line in
            if line.keyword == "log" && line.modifier == nil { check(line, &findings) }
        }
    }

    private func check(_ line: Directive, _ findings: inout Findings) {
        let words = line.arguments
        if words.isEmpty || (words.count == 1 && words[0] != "global") {
            // parse_logsrv: "expects <address> and <facility> as arguments" (`log global` takes none).
            findings.report("'log' expects <address> and <facility> as arguments", at: line.range)
            return
        }
        guard words.count >= 2 else { return }
        var index = 1
        for option in ["len", "format", "sample"] where index + 1 < words.count && words[index] == option { index += 2 }
        guard index < words.count else { return }
        guard Self.facilities.contains(words[index]) else {
            return findings.report("unknown log facility '\(words[index])'", at: line.argumentRanges[index])
        }
        for (offset, position) in words.indices.dropFirst(index + 1).enumerated() {
            guard offset < 2 else {
                return findings.report("unexpected word '\(words[position])' after the log levels", at: line.argumentRanges[position])
            }
            if !Self.levels.contains(words[position]) {
                return findings.report("unknown log level '\(words[position])'", at: line.argumentRanges[position])
            }
        }
    }
}
