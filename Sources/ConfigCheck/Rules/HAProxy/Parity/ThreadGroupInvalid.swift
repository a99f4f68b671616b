import ConfigDiagnostics
import HAProxyConfig

/// `thread-groups` and `thread-group` lines HAProxy 2.6 refuses or warns about: a group other than 1 (2.6 builds
/// one group at most), a thread number outside 1–64, a thread named twice on one line, a gap between the threads
/// of a group, and threads of `nbthread` left out of the only group.
struct ThreadGroupInvalid: HAProxyRule {
    static let description = RuleDescription(
        id: "thread-group-invalid", severity: .error, domain: .haproxy,
        summary: "A `thread-groups` or `thread-group` line HAProxy 2.6 refuses: a group other than 1, a thread outside 1–64, sparse threads, threads of `nbthread` in no group.",
        rationale: """
            HAProxy 2.6 is built with one thread group (`MAX_TGROUPS` is 1 before 2.7), so `thread-groups` takes \
            only 1 and `thread-group` only group 1; any other number, or a word that is not a number, is refused \
            ("value must be between 1 and 1"). `thread-group 1` lists threads as numbers or ranges from 1 to 64; \
            another word is refused, a thread named twice on the line is warned about, and the threads must be \
            contiguous ("assigned sparse threads, only contiguous supported"). When `nbthread` is set and the \
            group lists fewer of its threads, HAProxy refuses to start: "Remaining unassigned threads found … \
            because all groups are in use".
            """,
        fix: "Leave thread groups out (HAProxy 2.6 makes the one group itself), or list threads 1 to `nbthread` as one range (`thread-group 1 1-4`).",
        triggering: [
            .haproxy("""
                global
                    nbthread 4
                    thread-groups ↓2
                    thread-group ↓2 1-4
                    ↓thread-group 1 1 3
                    ↓thread-group 1 1-2 2
                    thread-group 1 ↓1-99

                """),
        ],
        nonTriggering: [
            .haproxy("""
                global
                    nbthread 4
                    thread-groups 1
                    thread-group 1 1-4

                """),
        ])

    /// The highest thread number of a 64-bit build (`MAX_THREADS`).
    static let maxThreads = 64

    func check(_ context: HAProxyCheckContext, _ findings: inout Findings) {
        guard let global = context.configuration.global else { return }
        var assigned: (line: Directive, threads: Set<Int>)?
        for line in global.directives {
            switch line.keyword {
            case "thread-groups":
                guard let value = line.arguments.first, let range = line.argumentRanges.first else { continue }
                guard let groups = Int(value) else {
                    findings.report("'thread-groups' passed a missing or unparsable integer value in '\(value)'", at: range)
                    continue
                }
                if groups != 1 {
                    findings.report("'thread-groups' value must be between 1 and 1 (was \(groups)): HAProxy 2.6 has one "
                                    + "thread group", at: range)
                }
            case "thread-group":
                if let threads = groupThreads(line, &findings) { assigned = (line, threads) }
            default:
                continue
            }
        }
        guard let assigned, let nbthread = global.directives.last(where: { $0.keyword == "nbthread" }),
              let count = nbthread.arguments.first.flatMap({ Int($0) }) else { return }
        let unassigned = (1...max(1, count)).filter { !assigned.threads.contains($0) }.count
        if unassigned > 0 {
            findings.report("Remaining unassigned threads found (\(unassigned)) because all groups are in use: "
                            + "'thread-group 1' lists \(count - unassigned) of the \(count) threads of 'nbthread'",
                            at: assigned.line.range)
        }
    }

    /// The threads a `thread-group` line gives group 1, or nil when HAProxy refuses the line.
    private func groupThreads(_ line: Directive, _ findings: inout Findings) -> Set<Int>? {
        guard let groupText = line.arguments.first else {
            findings.report("'thread-group' passed a missing or unparsable integer value in ''", at: line.range)
            return nil
        }
        guard let group = Int(groupText) else {
            findings.report("'thread-group' passed a missing or unparsable integer value in '\(groupText)'",
                            at: line.argumentRanges[0])
            return nil
        }
        guard group == 1 else {
            findings.report("'thread-group' thread-group number must be between 1 and 1 (was \(group)): HAProxy 2.6 has "
                            + "one thread group", at: line.argumentRanges[0])
            return nil
        }
        // HAProxy's own bookkeeping (cfg_parse_thread_group): the group spans `count` threads from `base`, and
        // holds `total` of them; a span larger than the total is a gap.
        var threads: Set<Int> = []
        var repeated: [Int] = []
        var base = 0, count = 0, total = 0
        for (word, range) in zip(line.arguments.dropFirst(), line.argumentRanges.dropFirst()) {
            let bounds = word.split(separator: "-", maxSplits: 1, omittingEmptySubsequences: false).map { Int($0) }
            guard let low = bounds[0], let high = bounds.count == 2 ? bounds[1] : low,
                  (1...Self.maxThreads).contains(low), (1...Self.maxThreads).contains(high) else {
                findings.report("'thread-group 1' passed an unparsable or invalid thread number '\(word)' (valid range is "
                                + "1 to \(Self.maxThreads))", at: range)
                return nil
            }
            for thread in stride(from: low, through: high, by: 1) {
                if !threads.insert(thread).inserted { repeated.append(thread) }
                if count == 0 {
                    (base, count) = (thread - 1, 1)
                } else if thread >= base + count {
                    count = thread - base
                } else if thread < base {
                    (count, base) = (count + base - thread - 1, thread - 1)
                }
                total += 1
            }
        }
        for thread in repeated {
            findings.report("'thread-group 1': thread \(thread) assigned more than once on the same line",
                            at: line.range, severity: .warning)
        }
        if count > total {
            findings.report("'thread-group 1' assigned sparse threads, only contiguous supported", at: line.range)
            return nil
        }
        return threads
    }
}
