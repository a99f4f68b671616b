import Foundation

/// What a master-worker's master knows of itself and its workers, shared
/// between its signal loop and its CLI (`-S`), and printed by `show proc`
/// as HAProxy 2.6's master prints it.
final class MasterProcessTable: @unchecked Sendable {
    /// One worker: its pid, when it started, how many reloads it has lived through.
    struct Worker {
        let pid: pid_t
        let started: Date
        var reloads = 0
        /// Replaced by a newer worker, finishing its connections.
        var leaving = false
    }

    private let lock = NSLock()
    private let started = Date()
    private var reloads = 0
    private var failedReloads = 0
    private var workers: [Worker] = []
    /// The `program` sections' processes: name, pid, start, reloads lived through.
    private var programs: [(name: String, worker: Worker)] = []

    /// A worker started by a reload or the first start: the older ones are leaving and have lived one more reload.
    func workerStarted(_ pid: pid_t) {
        lock.withLock {
            for index in workers.indices {
                workers[index].leaving = true
                workers[index].reloads += 1
            }
            workers.append(Worker(pid: pid, started: Date()))
        }
    }

    /// A reload asked (SIGUSR2 or the CLI's `reload`); `failed` when the new worker did not load.
    func reloaded(failed: Bool) {
        lock.withLock {
            reloads += 1
            if failed { failedReloads += 1 }
            for index in programs.indices { programs[index].worker.reloads += 1 }
        }
    }

    func programStarted(_ name: String, pid: pid_t) {
        lock.withLock { programs.append((name, Worker(pid: pid, started: Date()))) }
    }

    /// The program whose process `pid` was, removed from the table; nil when `pid` was not a program.
    func programExited(_ pid: pid_t) -> String? {
        lock.withLock {
            guard let index = programs.firstIndex(where: { $0.worker.pid == pid }) else { return nil }
            return programs.remove(at: index).name
        }
    }

    func workerExited(_ pid: pid_t) {
        lock.withLock { workers.removeAll { $0.pid == pid } }
    }

    /// The worker serving now (`@1`).
    var current: pid_t? { lock.withLock { workers.last { !$0.leaving }?.pid } }

    /// Whether `pid` is one of the workers (`@!PID`).
    func isWorker(_ pid: pid_t) -> Bool { lock.withLock { workers.contains { $0.pid == pid } } }

    /// `show proc`.
    func report(version: String, now: Date = Date()) -> String {
        lock.withLock {
            // HAProxy's "%-15s" columns; the header's first one is 14 wide after its '#'.
            func column(_ text: String, _ width: Int = 15) -> String { text.padding(toLength: max(width, text.count), withPad: " ", startingAt: 0) }
            func row(_ fields: [String]) -> String { fields.map { column($0) }.joined(separator: " ") + "\n" }
            var text = "#" + column("<PID>", 14) + " " + row(["<type>", "<reloads>", "<uptime>", "<version>"])
            text += row(["\(getpid())", "master", "\(reloads) [failed: \(failedReloads)]", Self.uptime(since: started, now: now), version])
            text += "# workers\n"
            for worker in workers where !worker.leaving {
                text += row(["\(worker.pid)", "worker", "\(worker.reloads)", Self.uptime(since: worker.started, now: now), version])
            }
            let old = workers.filter(\.leaving)
            if !old.isEmpty {
                text += "# old workers\n"
                for worker in old {
                    text += row(["\(worker.pid)", "worker", "\(worker.reloads)", Self.uptime(since: worker.started, now: now), version])
                }
            }
            text += "# programs\n"
            for program in programs {
                text += row(["\(program.worker.pid)", program.name, "\(program.worker.reloads)",
                             Self.uptime(since: program.worker.started, now: now), "-"])
            }
            return text
        }
    }

    /// HAProxy's `%dd%02dh%02dm%02ds`.
    static func uptime(since start: Date, now: Date) -> String {
        let seconds = max(0, Int(now.timeIntervalSince(start)))
        return String(format: "%dd%02dh%02dm%02ds", seconds / 86400, (seconds % 86400) / 3600, (seconds % 3600) / 60, seconds % 60)
    }
}
