import ConfigDiagnostics

/// A `cpu-map [auto:]<process-set>[/<thread-set>] <cpu-set>...` line read once, as HAProxy 2.6 reads it
/// (cfgparse-global.c with `parse_process_number` and `parse_cpu_set`): process and thread sets are `all`,
/// `odd`, `even`, `N`, `N-M` or `N-` of digits only (1 to 64, bounds in either order); CPU words start with a
/// digit and are `N`, `N-M` or `N-` (0 to 1023), their numbers read as far as the digits go. A line without a
/// thread set, or whose thread set is thread 1 alone, maps the whole process; any other thread set maps those
/// threads. With `auto:` the Nth member gets the Nth CPU from the lowest, and either set must be as large as the
/// CPU set. The checker's `cpu-map-invalid` reports its problem and the planner binds the engine's threads from it.
public struct CPUMapSpec: Sendable, Hashable {
    /// The CPUs one thread is bound to.
    public struct ThreadBinding: Sendable, Hashable {
        /// The thread, from 1.
        public var thread: Int
        /// Its CPUs, ascending; empty leaves the thread unbound (`auto:` with fewer CPUs than threads).
        public var cpus: [Int]
    }

    /// What a line maps.
    public enum Mapping: Sendable, Hashable {
        /// The process's CPUs (applied to a daemon or a worker, as HAProxy does).
        case process([Int])
        /// Threads' CPUs, ascending by thread.
        case threads([ThreadBinding])
    }

    /// What HAProxy refuses in the line, with its message and the word at fault.
    public struct Problem: Sendable, Hashable {
        public var message: String
        public var range: SourceRange
    }

    /// Processes and threads are numbered from 1 within one machine word, as in HAProxy.
    public static let wordBits = 64
    /// CPUs are numbered from 0 below glibc's CPU_SETSIZE.
    public static let cpuSetSize = 1024

    /// What the line maps; nil when HAProxy refuses it.
    public private(set) var mapping: Mapping?
    /// What HAProxy refuses, if anything: then the line stops the configuration.
    public private(set) var problem: Problem?

    /// Reads a `cpu-map` line's words; `ranges` has one range per word where known, `line` stands for the others.
    public init(words: [String], ranges: [SourceRange], line: SourceRange) {
        func at(_ index: Int) -> SourceRange { index < ranges.count ? ranges[index] : line }
        guard words.count >= 2, !words[0].isEmpty, !words[1].isEmpty else {
            problem = Problem(message: "cpu-map expects a process number  ('all', 'odd', 'even', a number from 1 to "
                              + "\(Self.wordBits) or a range),  followed by a list of CPU ranges with numbers from 0 "
                              + "to \(Self.wordBits - 1).", range: line)
            return
        }
        var target = Substring(words[0])
        let automatic = target.hasPrefix("auto:")
        if automatic { target = target.dropFirst(5) }
        let parts = target.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        var processes: [Int] = [], threads: [Int] = []
        for (index, part) in parts.enumerated() {
            switch Self.members(part) {
            case .success(let set): if index == 0 { processes = set } else { threads = set }
            case .failure(let refusal):
                problem = Problem(message: "cpu-map : \(refusal.message)", range: at(0))
                return
            }
        }
        var cpus = Set<Int>()
        for (index, word) in words.enumerated().dropFirst() {
            switch Self.cpuRange(Substring(word)) {
            case .success(let range): cpus.formUnion(range)
            case .failure(let refusal):
                problem = Problem(message: "cpu-map : \(refusal.message)", range: at(index))
                return
            }
        }
        let sortedCPUs = cpus.sorted()
        if automatic, processes.count != sortedCPUs.count, threads.count != sortedCPUs.count {
            problem = Problem(message: "cpu-map : PROC/THREAD range and CPU sets must have the same size to be "
                              + "automatically bound", range: line)
            return
        }
        if threads.isEmpty || threads == [1] {
            mapping = .process(automatic ? Array(sortedCPUs.prefix(1)) : sortedCPUs)
        } else if !automatic {
            mapping = .threads(threads.map { ThreadBinding(thread: $0, cpus: sortedCPUs) })
        } else {
            // Past the last CPU a thread gets none, which leaves it unbound (HAProxy's ffs finds no bit).
            mapping = .threads(threads.enumerated().map { index, thread in
                ThreadBinding(thread: thread, cpus: index < sortedCPUs.count ? [sortedCPUs[index]] : [])
            })
        }
    }

    /// A process or thread set (`parse_process_number`), or HAProxy's message refusing it.
    private static func members(_ text: Substring) -> Result<[Int], Refusal> {
        let all = Array(1...wordBits)
        switch text {
        case "all": return .success(all)
        case "odd": return .success(all.filter { $0 % 2 == 1 })
        case "even": return .success(all.filter { $0 % 2 == 0 })
        default: break
        }
        guard text.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "-") }), text.filter({ $0 == "-" }).count <= 1 else {
            return .failure(Refusal("'\(text)' is not a valid number/range."))
        }
        let bounds = text.split(separator: "-", maxSplits: 1, omittingEmptySubsequences: false)
        let first = leadingNumber(bounds[0])
        let second = bounds.count == 2 ? (bounds[1].isEmpty ? wordBits : leadingNumber(bounds[1])) : first
        let low = min(first, second), high = max(first, second)
        guard low >= 1, high <= wordBits else {
            return .failure(Refusal("'\(text)' is not a valid number/range. It supports numbers from 1 to \(wordBits)."))
        }
        return .success(Array(low...high))
    }

    /// One CPU set word (`parse_cpu_set`), or HAProxy's message refusing it.
    private static func cpuRange(_ text: Substring) -> Result<ClosedRange<Int>, Refusal> {
        guard let head = text.first, head.isASCII, head.isNumber else {
            return .failure(Refusal("'\(text)' is not a CPU range."))
        }
        let low = leadingNumber(text)
        var high = low
        if let dash = text.firstIndex(of: "-") {
            let rest = text[text.index(after: dash)...]
            high = rest.isEmpty ? cpuSetSize - 1 : leadingNumber(rest)
        }
        guard max(low, high) < cpuSetSize else {
            return .failure(Refusal("supports CPU numbers from 0 to \(cpuSetSize - 1)."))
        }
        return .success(min(low, high)...max(low, high))
    }

    /// The value of the digits a word starts with (0 when none), capped far above any bound (`str2uic`).
    private static func leadingNumber(_ text: Substring) -> Int {
        var value = 0
        for character in text {
            guard character.isASCII, let digit = character.wholeNumberValue else { break }
            value = min(value * 10 + digit, 1 << 32)
        }
        return value
    }

    /// HAProxy's words for a set it refuses.
    private struct Refusal: Error {
        let message: String
        init(_ message: String) { self.message = message }
    }
}
