import ConfigDiagnostics
import HAProxyConfig
import RuntimePlan

/// `tune.h2.header-table-size`, `-initial-window-size`, `-max-concurrent-streams`
/// and `-max-frame-size` from `global`, checked as HAProxy 2.6 checks them
/// (src/mux_h2.c, with its messages). nil when none is written. A value that is
/// not a number is left to the checker and keeps the default.
enum HTTP2TuningCompiler {
    static let keywords = ["tune.h2.header-table-size", "tune.h2.initial-window-size", "tune.h2.max-concurrent-streams",
                           "tune.h2.max-frame-size"]
    /// A value HAProxy refuses at start: the checker's id for a refused argument.
    static let invalidArgument = RuleID("invalid-argument")

    static func compile(_ global: GlobalSettings?, bufferSize: Int, context: inout PlanningContext) -> HTTP2Tuning? {
        var tuning = HTTP2Tuning()
        var written = false
        for directive in global?.directives ?? [] where keywords.contains(directive.keyword) {
            context.markHandled(directive.range)
            written = true
            guard let value = directive.arguments.first.flatMap({ Int($0) }) else { continue }
            let keyword = directive.keyword
            switch keyword {
            case "tune.h2.header-table-size":
                guard (4_096...65_536).contains(value) else {
                    context.error(invalidArgument, "'\(keyword)' expects a numeric value between 4096 and 65536.",
                                  at: directive.range)
                    continue
                }
                tuning.headerTableSize = value
            case "tune.h2.max-frame-size":
                guard (16_384...16_777_215).contains(value) else {
                    context.error(invalidArgument, "'\(keyword)' expects a numeric value between 16384 and 16777215.",
                                  at: directive.range)
                    continue
                }
                tuning.maxFrameSize = value
            default:
                guard value >= 0 else {
                    context.error(invalidArgument, "'\(keyword)' expects a positive numeric value.", at: directive.range)
                    continue
                }
                if keyword == "tune.h2.initial-window-size" { tuning.initialWindowSize = value } else { tuning.maxConcurrentStreams = value }
            }
        }
        // HAProxy never announces frames larger than its buffers.
        tuning.maxFrameSize = tuning.maxFrameSize.map { min($0, bufferSize) }
        return written ? tuning : nil
    }
}
