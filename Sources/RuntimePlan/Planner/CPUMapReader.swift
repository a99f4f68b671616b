import RuntimePlan

/// Reads `cpu-map [auto:]<process-set>[/<thread-set>] <cpu-set>...` as
/// HAProxy 2.6 reads it (cfgparse-global.c): process and thread sets are
/// `all`, `odd`, `even`, `N`, `N-M` or `N-` (1 to 64), CPU sets `N`, `N-M`
/// or `N-` (0 to 1023); a line without a thread set, or whose
/// thread set is thread 1 alone, maps the whole process (whatever its process
/// set); any other thread set maps those threads. With `auto:` the Nth member
/// gets the Nth CPU, from the lowest, and either the process set or the
/// thread set must be as large as the CPU set. nil for a line HAProxy refuses.
struct CPUMapReader {
    /// What one line maps.
    enum Mapping: Equatable {
        /// The process's CPUs (applied when it runs as a daemon or a worker, as HAProxy does).
        case process([Int])
        /// Threads' CPUs, ascending by thread.
        case threads([ThreadCPUs])
    }

    /// Processes and threads are numbered from 1 within one machine word, as in HAProxy.
    static let wordBits = 64
    /// CPUs are numbered from 0 below glibc's CPU_SETSIZE.
    static let cpuSetSize = 1024

    /// What the line with these arguments maps; nil when HAProxy refuses it.
    static func mapping(_ arguments: [String]) -> Mapping? {
        guard arguments.count >= 2 else { return nil }
        var target = Substring(arguments[0])
        let automatic = target.hasPrefix("auto:")
        if automatic { target = target.dropFirst(5) }
        let parts = target.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        guard let processes = members(parts[0]) else { return nil }
        var threads: [Int] = []
        if parts.count == 2 {
            guard let set = members(parts[1]) else { return nil }
            threads = set
        }
        var cpus = Set<Int>()
        for word in arguments.dropFirst() {
            guard let range = cpuRange(Substring(word)) else { return nil }
            cpus.formUnion(range)
        }
        let sortedCPUs = cpus.sorted()
        if automatic, processes.count != sortedCPUs.count, threads.count != sortedCPUs.count { return nil }
        if threads.isEmpty || threads == [1] {
            return .process(automatic ? Array(sortedCPUs.prefix(1)) : sortedCPUs)
        }
        guard automatic else { return .threads(threads.map { ThreadCPUs(thread: $0, cpus: sortedCPUs) }) }
        // Past the last CPU a thread gets none, which leaves it unbound (HAProxy's ffs finds no bit).
        return .threads(threads.enumerated().map { index, thread in
            ThreadCPUs(thread: thread, cpus: index < sortedCPUs.count ? [sortedCPUs[index]] : [])
        })
    }

    /// A process or thread set (parse_process_number): `all`, `odd`, `even`, or `N`, `N-M`, `N-` of digits
    /// only, the bounds in either order, within 1...64.
    private static func members(_ text: Substring) -> [Int]? {
        let all = Array(1...wordBits)
        switch text {
        case "all": return all
        case "odd": return all.filter { $0 % 2 == 1 }
        case "even": return all.filter { $0 % 2 == 0 }
        default: break
        }
        guard text.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "-") }), text.filter({ $0 == "-" }).count <= 1 else { return nil }
        let bounds = text.split(separator: "-", maxSplits: 1, omittingEmptySubsequences: false)
        let first = leadingNumber(bounds[0])
        let second = bounds.count == 2 ? (bounds[1].isEmpty ? wordBits : leadingNumber(bounds[1])) : first
        let low = min(first, second), high = max(first, second)
        guard low >= 1, high <= wordBits else { return nil }
        return Array(low...high)
    }

    /// One CPU set word (parse_cpu_set): it starts with a digit, `N`, `N-M` (either order) or `N-` up to
    /// the last CPU; the numbers are read as far as they go, as str2uic does.
    private static func cpuRange(_ text: Substring) -> ClosedRange<Int>? {
        guard let head = text.first, head.isASCII, head.isNumber else { return nil }
        let low = leadingNumber(text)
        var high = low
        if let dash = text.firstIndex(of: "-") {
            let rest = text[text.index(after: dash)...]
            high = rest.isEmpty ? cpuSetSize - 1 : leadingNumber(rest)
        }
        guard max(low, high) < cpuSetSize else { return nil }
        return min(low, high)...max(low, high)
    }

    /// The value of the digits a word starts with (0 when none), capped far above any bound.
    private static func leadingNumber(_ text: Substring) -> Int {
        var value = 0
        for character in text {
            guard character.isASCII, let digit = character.wholeNumberValue else { break }
            value = min(value * 10 + digit, 1 << 32)
        }
        return value
    }
}
