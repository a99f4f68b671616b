import HAProxyConfig
import RuntimePlan

/// `tune.bufsize`, `tune.maxrewrite` and `tune.http.maxhdr` from `global`:
/// the engine's head limits. nil when none is written, so a plan without
/// them keeps HAProxy's defaults. A value the keyword table would refuse
/// (not a positive number) is left to the checker and keeps the default.
enum BufferTuningCompiler {
    static func compile(_ global: GlobalSettings?, context: inout PlanningContext) -> BufferTuning? {
        func value(_ keyword: String) -> Int? {
            guard let directive = global?.directives.last(where: { $0.keyword == keyword }) else { return nil }
            context.markHandled(directive.range)
            return directive.arguments.first.flatMap { Int($0) }.flatMap { $0 > 0 ? $0 : nil }
        }
        let bufferSize = value("tune.bufsize")
        let maxRewrite = value("tune.maxrewrite")
        let maxHeaders = value("tune.http.maxhdr")
        guard bufferSize != nil || maxRewrite != nil || maxHeaders != nil else { return nil }
        return BufferTuning(bufferSize: bufferSize ?? 16_384, maxRewrite: maxRewrite, maxHeaders: maxHeaders ?? 101)
    }
}
