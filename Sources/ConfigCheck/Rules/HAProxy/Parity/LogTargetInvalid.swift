import ConfigDiagnostics
import HAProxyConfig

/// A `log` line with a facility or level HAProxy does not know.
struct LogTargetInvalid: HAProxyRule {
    static let description = RuleDescription(
        id: "log-target-invalid", severity: .error, domain: .haproxy,
        summary: "A `log` line lacks its address or facility, names a syslog facility or level that does not exist, has words after its levels, or a `sample` range HAProxy refuses.",
        rationale: """
            `log TARGET [len N] [format F] [sample R:S] FACILITY [LEVEL [MINLEVEL]]` sends logs to a syslog \
            target. The facility is one of `kern`, `user`, `mail`, `daemon`, `auth`, `syslog`, `lpr`, `news`, \
            `uucp`, `cron`, `auth2`, `ftp`, `ntp`, `audit`, `alert`, `cron2`, `local0` … `local7`; the levels are \
            `emerg`, `alert`, `crit`, `err`, `warning`, `notice`, `info`, `debug`. HAProxy refuses any other word \
            (\"unknown log facility\", \"unknown optional log level\"), and a line with an address but no \
            facility (\"expects <address> and <facility> as arguments\"); `log global` is the only one-word form. \
            `sample RANGES:SIZE` sends one line in SIZE to this target: RANGES are numbers or `N-M` ranges from 1, \
            comma-separated, that must not overlap, and SIZE must be at least the highest of them; HAProxy \
            refuses anything else (\"wrong sample range\", \"ranges are overlapping\", \"sample size … should \
            be greater or equal to …\").
            """,
        fix: "Use a facility such as `local0` and a level such as `info` (`log 10.0.0.1:514 local0 info`).",
        triggering: [
            .haproxy("""
                global
                    log 127.0.0.1:514 ↓local9
                    log 127.0.0.1:515 len 2048 local0 ↓information
                    ↓log 127.0.0.1:516
                    log 127.0.0.1:517 sample ↓1-3:2 local0
                    log 127.0.0.1:518 sample ↓1,1-2:5 local0
                    log 127.0.0.1:519 sample ↓0:5 local0

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

    /// What HAProxy refuses in the `RANGES:SIZE` of `sample` (parse_logsrv, get_logsrv_smp_range): ranges `N` or
    /// `N-M` from 1, separated by commas, that do not overlap an earlier one, and a size at least their highest end.
    static func sampleProblem(_ text: String) -> String? {
        guard let colon = text.firstIndex(of: ":") else { return "Missing sample size" }
        var pieces = text[..<colon].split(separator: ",", omittingEmptySubsequences: false)
        if pieces.count > 1, pieces.last == "" { pieces.removeLast() }
        guard pieces != [""] else { return "no sampling ranges given" }
        var ranges: [ClosedRange<Int>] = []
        for (position, piece) in pieces.enumerated() {
            let bounds = piece.split(separator: "-", maxSplits: 1, omittingEmptySubsequences: false)
            let rest = pieces[position...].joined(separator: ",")
            guard bounds.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
                  let low = Int(bounds[0]), low > 0, let high = bounds.count == 2 ? Int(bounds[1]) : low,
                  bounds.count == 1 || high > low else {
                return "wrong sample range '\(rest)'"
            }
            if ranges.contains(where: { $0.contains(low) || $0.contains(high) }) { return "ranges are overlapping" }
            ranges.append(low...high)
        }
        let sizeText = text[text.index(after: colon)...]
        guard let size = Int(sizeText), size > 0, sizeText.allSatisfy(\.isNumber) else {
            return "wrong sample size '\(sizeText)' for sample range '\(text)'"
        }
        let highest = ranges.map(\.upperBound).max() ?? 0
        if size < highest {
            return "sample size \(size) should be greater or equal to \(highest) the maximum of the high ranges limits"
        }
        return nil
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
        for option in ["len", "format", "sample"] where index + 1 < words.count && words[index] == option {
            if option == "sample", let problem = Self.sampleProblem(words[index + 1]) {
                return findings.report(problem, at: line.argumentRanges[index + 1])
            }
            index += 2
        }
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
