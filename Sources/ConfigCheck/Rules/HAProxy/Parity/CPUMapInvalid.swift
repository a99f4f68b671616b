import ConfigDiagnostics
import HAProxyConfig

/// A `cpu-map` line HAProxy refuses.
struct CPUMapInvalid: HAProxyRule {
    static let description = RuleDescription(
        id: "cpu-map-invalid", severity: .error, domain: .haproxy,
        summary: "A `cpu-map` line whose process or thread set, CPU set, or `auto:` sizes HAProxy refuses.",
        rationale: """
            `cpu-map [auto:]<process-set>[/<thread-set>] <cpu-set>...` binds threads to CPUs. Process and thread \
            sets are `all`, `odd`, `even`, a number from 1 to 64 or a range of them; HAProxy refuses any other \
            word ("'x' is not a valid number/range."). Each CPU word starts with a digit and names CPUs from 0 to \
            1023 ("'x' is not a CPU range.", "supports CPU numbers from 0 to 1023."). With `auto:` the process set \
            or the thread set must hold as many members as the CPU set, one CPU each ("PROC/THREAD range and CPU \
            sets must have the same size to be automatically bound"). A line without a CPU set is refused too. \
            The semantic layer reads the line once (`CPUMapSpec`); `weir run` binds its event-loop threads from \
            the same reading.
            """,
        fix: "Write the thread set as `1/1-4` (process 1, threads 1 to 4) and the CPUs as numbers or ranges (`0-3`); with `auto:` give as many CPUs as threads.",
        triggering: [
            .haproxy("""
                global
                    nbthread 4
                    cpu-map 1/1-4 ↓x
                    cpu-map ↓1/70 0
                    cpu-map 1/2 ↓2048
                    ↓cpu-map auto:1/1-4 0-1
                    ↓cpu-map 1/3

                """),
        ],
        nonTriggering: [
            .haproxy("""
                global
                    nbthread 4
                    cpu-map auto:1/1-4 0-3
                    cpu-map 1/1-2 0-1
                    cpu-map 1/3- 2 3
                    cpu-map all 0-

                """),
        ])

    func check(_ context: HAProxyCheckContext, _ findings: inout Findings) {
        guard let global = context.configuration.global else { return }
        for line in global.directives where line.keyword == "cpu-map" && line.modifier == nil {
            guard let problem = CPUMapSpec(words: line.arguments, ranges: line.argumentRanges, line: line.range).problem else {
                continue
            }
            findings.report(problem.message, at: problem.range)
        }
    }
}
