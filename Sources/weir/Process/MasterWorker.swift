import Foundation

/// `-W` (master-worker, in the foreground): this process stays the master
/// and runs the proxy in a worker, started again from the same command line.
/// SIGUSR2 reloads as HAProxy's master does: a new worker reads and checks
/// the configuration, binds beside the current one and tells it to finish
/// (`-sf`); a worker that cannot start leaves the current one serving. SIGUSR1
/// and SIGTERM/SIGINT go to every worker (soft and hard stop) and the master
/// exits when they are gone. The current worker dying ends the master with
/// its status, as haproxy 2.6's `exit-on-failure`. The pid file holds the master's pid.
struct MasterWorker {
    /// Set in a worker's environment.
    static let workerVariable = "WEIR_WORKER"

    /// The program name and the haproxy words, without `-W`.
    let workerArguments: [String]
    let pidFile: String?
    let messages: HAProxyMessages

    func run() -> Int32 {
        var signals = sigset_t()
        sigemptyset(&signals)
        for number in [SIGUSR1, SIGUSR2, SIGTERM, SIGINT, SIGCHLD] { sigaddset(&signals, number) }
        pthread_sigmask(SIG_BLOCK, &signals, nil)
        if let pidFile, let failure = PidFile.write(getpid(), to: pidFile, programName: "haproxy") {
            messages.print(.alert, failure.description)
            return 1
        }
        guard var current = startWorker(replacing: nil) else { return 1 }
        var former: Set<pid_t> = []
        var stopping = false
        while true {
            var info = siginfo_t()
            var timeout = timespec(tv_sec: 1, tv_nsec: 0)
            let number = sigtimedwait(&signals, &info, &timeout)
            switch number {
            case SIGUSR2 where !stopping:
                messages.print(.warning, "Reexecuting Master process")
                if let next = startWorker(replacing: current) {
                    former.insert(current)
                    current = next
                } else {
                    messages.print(.alert, "Loading failure! The current worker (\(current)) keeps serving.")
                }
            case SIGUSR1, SIGTERM, SIGINT:
                stopping = true
                for pid in former.union([current]) { kill(pid, number) }
            default:
                break
            }
            // Reap every worker that has exited (SIGCHLD or not: the wait has a timeout).
            while true {
                var status: Int32 = 0
                let pid = waitpid(-1, &status, WNOHANG)
                guard pid > 0 else { break }
                let code = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
                if pid == current {
                    if !stopping {
                        messages.print(.alert, "Current worker (\(pid)) exited with code \(code)")
                        for old in former { kill(old, SIGTERM) }
                        return Int32(code)
                    }
                    current = 0
                } else {
                    former.remove(pid)
                    messages.print(.warning, "Former worker (\(pid)) exited with code \(code)")
                }
            }
            if stopping, current == 0, former.isEmpty { return 0 }
        }
    }

    /// A worker that reported ready, or nil when it exited first (its alerts are on standard error).
    private func startWorker(replacing old: pid_t?) -> pid_t? {
        let arguments = workerArguments + (old.map { ["-sf", "\($0)"] } ?? [])
        let started = Daemon.startReporting(arguments, extra: [Self.workerVariable: "1"])
        guard started.ready else { return nil }
        messages.print(.notice, "New worker (\(started.pid)) forked")
        messages.print(.notice, "Loading success.")
        return started.pid
    }
}
