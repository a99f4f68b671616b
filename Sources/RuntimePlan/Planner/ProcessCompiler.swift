import HAProxyConfig
import RuntimePlan

/// Reads the process keywords of the `global` section into a `ProcessPlan`
/// (the last occurrence of a keyword wins, as in HAProxy) and marks them
/// handled so they are not listed as unsupported.
struct ProcessCompiler {
    let global: GlobalSettings?

    /// The keywords this compiler consumes.
    static let keywords: Set<String> = [
        "daemon", "pidfile", "user", "uid", "group", "gid", "chroot", "ulimit-n", "hard-stop-after", "grace", "noreuseport",
        "cpu-map", "close-spread-time",
    ]

    func compile(context: inout PlanningContext) -> ProcessPlan? {
        guard let global else { return nil }
        var process = ProcessPlan()
        for directive in global.directives where Self.keywords.contains(directive.keyword) {
            let argument = directive.arguments.first
            switch directive.keyword {
            case "daemon": process.daemon = true
            case "noreuseport": process.noReusePort = true
            case "cpu-map":
                switch CPUMapSpec(words: directive.arguments, ranges: directive.argumentRanges, line: directive.range).mapping {
                case .process(let cpus): process.processCPUs = cpus
                case .threads(let bindings):
                    let threads = Set(bindings.map(\.thread))
                    let bound = bindings.map { ThreadCPUs(thread: $0.thread, cpus: $0.cpus) }
                    process.threadCPUs = (process.threadCPUs.filter { !threads.contains($0.thread) } + bound).sorted { $0.thread < $1.thread }
                case nil: continue
                }
            case "pidfile": process.pidFile = argument
            case "chroot": process.chroot = argument
            case "user": process.user = argument.map(ProcessPlan.Account.name)
            case "group": process.group = argument.map(ProcessPlan.Account.name)
            case "uid": process.user = argument.flatMap { Int($0) }.map(ProcessPlan.Account.id)
            case "gid": process.group = argument.flatMap { Int($0) }.map(ProcessPlan.Account.id)
            case "ulimit-n": process.ulimitN = argument.flatMap { Int($0) }.flatMap { $0 > 0 ? $0 : nil }
            case "hard-stop-after": process.hardStopAfterMs = argument.flatMap(Self.milliseconds)
            case "grace": process.graceMs = argument.flatMap(Self.milliseconds)
            case "close-spread-time":
                // 0 is the same as not set, as in HAProxy (a window of no time).
                if argument == "infinite" {
                    process.closeSpread = .infinite
                } else if let ms = argument.flatMap(Self.milliseconds) {
                    process.closeSpread = ms > 0 ? .window(ms: ms) : nil
                } else {
                    continue
                }
            default: continue
            }
            context.markHandled(directive.range)
        }
        return process.isDefault ? nil : process
    }

    private static func milliseconds(_ text: String) -> Int? {
        guard case .success(let duration) = Duration.parse(text) else { return nil }
        return Int(duration.milliseconds)
    }
}
