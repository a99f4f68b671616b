import ConfigDiagnostics
import HAProxyConfig

/// A `cache` section whose values HAProxy refuses or ignores: no `total-max-size`, an object larger than half the
/// cache, a size or count that is not a number, `process-vary` other than `on`/`off`, a name over 32 characters.
struct CacheSectionInvalid: HAProxyRule {
    static let description = RuleDescription(
        id: "cache-section-invalid", severity: .error, domain: .haproxy,
        summary: "A `cache` section without `total-max-size`, with `max-object-size` over half of it, or with a value HAProxy warns it cannot use.",
        rationale: """
            HAProxy refuses a `cache` section without `total-max-size` ("Size not specified for cache") and one \
            whose `max-object-size` (bytes) is more than half of `total-max-size` (megabytes). It warns, and \
            drops or truncates the value, when `total-max-size`, `max-object-size` or `max-secondary-entries` \
            is not a whole number (or is 0 for the last), when `total-max-size` is over 4095 (in those cases it also stops reading the file, so weir reports an error), when `max-age`, \
            `max-object-size` or `process-vary` has no value, when `process-vary` is neither `on` nor `off`, \
            and when the cache's name is longer than 32 characters (it keeps the first 32, so two long names \
            can collide).
            """,
        fix: "Give the cache `total-max-size <megabytes>`, keep `max-object-size` under half of it, and write whole numbers.",
        triggering: [
            .haproxy("""
                ↓cache assets
                    max-age 60
                cache pages
                    total-max-size 4
                    ↓max-object-size 4194304
                    process-vary ↓yes
                defaults
                    mode http
                    timeout connect 5s
                    timeout client 30s
                    timeout server 30s
                listen web
                    bind 127.0.0.1:8080
                    http-request cache-use pages
                    http-response cache-store pages
                    server a 127.0.0.1:9000

                """),
        ],
        nonTriggering: [
            .haproxy("""
                cache pages
                    total-max-size 64
                    max-object-size 1048576
                    max-age 60
                    process-vary on
                    max-secondary-entries 10
                defaults
                    mode http
                    timeout connect 5s
                    timeout client 30s
                    timeout server 30s
                listen web
                    bind 127.0.0.1:8080
                    http-request cache-use pages
                    http-response cache-store pages
                    server a 127.0.0.1:9000

                """),
        ])

    func check(_ context: HAProxyCheckContext, _ findings: inout Findings) {
        for section in context.configuration.otherSections where section.kind == "cache" {
            check(section, &findings)
        }
    }

    private func check(_ section: GenericSection, _ findings: inout Findings) {
        let name = section.name ?? ""
        let header = section.range.with(start: section.range.start, end: section.range.start)
        if name.count > 32 {
            findings.report("cache name is limited to 32 characters, truncated to '\(name.prefix(32))'", at: header,
                            severity: .warning)
        }
        var totalMegabytes: UInt64?
        var objectSize: (bytes: UInt64, line: Directive)?
        for line in section.directives {
            let value = line.arguments.first
            let valueRange = line.argumentRanges.first ?? line.range
            // HAProxy prints all of these as warnings, but a value it cannot read stops the parsing (ERR_ABORT):
            // those are errors here; the ones it only ignores stay warnings.
            func refuse(_ message: String) { findings.report(message, at: valueRange) }
            func warn(_ message: String) { findings.report(message, at: valueRange, severity: .warning) }
            switch line.keyword {
            case "total-max-size":
                guard let value else { continue }
                guard let number = UInt64(value) else { refuse("total-max-size wrong value '\(value)'"); continue }
                if number > 4095 { refuse("\"total-max-size\" (\(value)) must not be greater than 4095"); continue }
                totalMegabytes = number
            case "max-age" where value == nil:
                warn("'max-age' expects an age parameter in seconds")
            case "max-object-size":
                guard let value else { refuse("'max-object-size' expects a maximum file size parameter in bytes"); continue }
                guard let number = UInt64(value) else { refuse("max-object-size wrong value '\(value)'"); continue }
                objectSize = (number, line)
            case "process-vary" where value != "on" && value != "off":
                warn("'process-vary' expects \"on\" or \"off\" (enable or disable vary processing)")
            case "max-secondary-entries":
                guard let value else { refuse("'max-secondary-entries' expects a strictly positive number"); continue }
                if (UInt64(value) ?? 0) == 0 { refuse("max-secondary-entries wrong value '\(value)'") }
            default: break
            }
        }
        guard let totalMegabytes, totalMegabytes > 0 else {
            findings.report("Size not specified for cache '\(name)' (total-max-size)", at: header)
            return
        }
        let half = totalMegabytes * 1024 * 1024 / 2
        if let objectSize, objectSize.bytes > half {
            findings.report("\"max-object-size\" is limited to an half of \"total-max-size\" => \(half)", at: objectSize.line.range)
        }
    }
}
