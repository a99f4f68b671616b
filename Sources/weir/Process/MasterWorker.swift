import Foundation

/// `-W` (master-worker, in the foreground): this process stays the master
/// and runs the proxy in a worker, started again from the same command line.
/// SIGUSR2 reloads as HAProxy's master does: a new worker reads and checks
/// the configuration, binds beside the current one and tells it to finish
/// (`-sf`); a worker that cannot start leaves the current one serving. SIGUSR1
/// and SIGTERM/SIGINT go to every worker (soft and hard stop) and the master
/// exits when they are gone. The current worker dying ends the master with
/// its status, as haproxy 2.6's `exit-on-failure`. The pid file holds the master's pid.
/// With `-S`, the master CLI (`MasterCLI`) shows the processes, reloads, and
/// passes `@1`/`@!PID` commands to the workers. `program` sections run beside
/// the workers (`MasterProgram`), and sockets the master inherited (`bind fd@N`,
/// `-S fd@N` aside) are inherited by every worker, as after HAProxy's fork.
struct MasterWorker {
    /// Set in a worker's environment.
    static let workerVariable = "WEIR_WORKER"
    /// Set in a worker's environment when the master has a CLI: the worker's runtime API then also
    /// listens on `MasterCLI.workerSocketName(its pid)` for the master's `@` commands.
    static let masterCLIVariable = "WEIR_MASTER_CLI"

    /// The program name and the haproxy words, without `-W`.
    let workerArguments: [String]
    let pidFile: String?
    /// `-S`: the master CLI's address and options.
    var masterCLI: String?
    /// `-Ws` under systemd: the master's READY, RELOADING and STOPPING messages.
    var systemd: SystemdNotifier?
    /// The `program` sections, started once the first worker is ready.
    var programs: [MasterProgram] = []
    /// A Unix `stats socket` with `expose-fd listeners`: a reload's new worker takes the listening sockets
    /// of the current one there (`-x`), as haproxy's takes them from its master (abns@ sockets cannot be bound twice).
    var transferSocket: String?
    let messages: HAProxyMessages
    private let table = MasterProcessTable()

    func run() -> Int32 {
        // The sockets this master inherited from its starter (`bind fd@N`): every worker inherits them in turn
        // (counted before the master opens any socket of its own),
        // but for the master CLI's own (`-S fd@N`).
        let cliDescriptor = masterCLI.flatMap { $0.hasPrefix("fd@") ? Int32($0.dropFirst(3).prefix { $0.isNumber }) : nil }
        let inherited = Self.openSockets().subtracting(cliDescriptor.map { [$0] } ?? [])
        var signals = sigset_t()
        sigemptyset(&signals)
        for number in [SIGUSR1, SIGUSR2, SIGTERM, SIGINT, SIGCHLD] { sigaddset(&signals, number) }
        pthread_sigmask(SIG_BLOCK, &signals, nil)
        var cli: MasterCLI?
        if let masterCLI {
            switch MasterCLI.open(masterCLI, table: table, version: "\(HAProxyMessages.emulatedVersion)-weir-\(WeirVersion.current)") {
            case .success(let opened): cli = opened
            case .failure(let failure):
                messages.print(.alert, failure.description)
                return 1
            }
        }
        guard var current = startWorker(replacing: nil, inheriting: inherited) else { return 1 }
        var programPids: Set<pid_t> = []
        for program in programs {
            guard let pid = program.start() else {
                messages.print(.alert, "Cannot fork program '\(program.name)'.")
                continue
            }
            programPids.insert(pid)
            table.programStarted(program.name, pid: pid)
            messages.print(.notice, "New program '\(program.name)' (\(pid)) forked")
        }
        // As haproxy's master: the pid file once the worker and the programs run (VTest waits for it), the CLI
        // served from then on (a session opened earlier waits in the socket's queue; `@1` finds the worker).
        if let pidFile, let failure = PidFile.write(getpid(), to: pidFile, programName: "haproxy") {
            messages.print(.alert, failure.description)
            kill(current, SIGTERM)
            return 1
        }
        cli?.start()
        // HAProxy's master re-executes into its wait mode here (RELOADING), then enters its loop (READY).
        systemd?.reloading()
        systemd?.ready()
        var former: Set<pid_t> = []
        var stopping = false
        /// A failed program's status, the master's once everything has stopped.
        var failure: Int32 = 0
        /// What stopped the master: SIGINT makes its status 130, as haproxy's master reports its workers' 130.
        var stopSignal: Int32 = 0
        while true {
            var info = siginfo_t()
            var timeout = timespec(tv_sec: 1, tv_nsec: 0)
            let number = sigtimedwait(&signals, &info, &timeout)
            switch number {
            case SIGUSR2 where !stopping:
                systemd?.reloading()
                messages.print(.warning, "Reexecuting Master process")
                let next = startWorker(replacing: current, inheriting: inherited)
                table.reloaded(failed: next == nil)
                if let next {
                    former.insert(current)
                    current = next
                } else {
                    messages.print(.alert, "Loading failure! The current worker (\(current)) keeps serving.")
                }
                // HAProxy's master re-executes into its wait mode after a reload, failed or not, and enters its loop again.
                systemd?.reloading()
                systemd?.ready()
            case SIGUSR1, SIGTERM, SIGINT:
                if number != SIGUSR1 { systemd?.stopping() }
                stopping = true
                stopSignal = number
                for pid in former.union([current]).union(programPids) { kill(pid, number) }
            default:
                break
            }
            // Reap every worker that has exited (SIGCHLD or not: the wait has a timeout).
            while true {
                var status: Int32 = 0
                let pid = waitpid(-1, &status, WNOHANG)
                guard pid > 0 else { break }
                table.workerExited(pid)
                let code = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
                // HAProxy's words: the signal's name, or "Exit".
                let reason = code >= 128 ? String(cString: strsignal(Int32(code - 128))) : "Exit"
                if let program = table.programExited(pid) {
                    programPids.remove(pid)
                    messages.print(.alert, "Current program '\(program)' (\(pid)) exited with code \(code) (\(reason))")
                    // As a worker's, a program's failure ends everything (haproxy 2.6's exit-on-failure).
                    if !stopping, code != 0, code != 130, code != 143 {
                        messages.print(.alert, "exit-on-failure: killing every processes with SIGTERM")
                        stopping = true
                        failure = Int32(code)
                        for other in former.union([current]).union(programPids) { kill(other, SIGTERM) }
                    }
                    continue
                }
                if pid == current {
                    if !stopping {
                        // As haproxy 2.6 (exit-on-failure by default): reported, then everything stops; no restart.
                        messages.print(code >= 128 ? .alert : .warning, "Current worker (\(pid)) exited with code \(code) (\(reason))")
                        messages.print(.alert, "exit-on-failure: killing every processes with SIGTERM")
                        for old in former.union(programPids) { kill(old, SIGTERM) }
                        messages.print(.warning, "All workers exited. Exiting... (\(code))")
                        return Int32(code)
                    }
                    current = 0
                } else {
                    former.remove(pid)
                    messages.print(.warning, "Former worker (\(pid)) exited with code \(code) (\(reason))")
                }
            }
            if stopping, current == 0, former.isEmpty, programPids.isEmpty {
                if failure == 0, stopSignal == SIGINT { failure = 128 + SIGINT }
                if failure != 0 { messages.print(.warning, "All workers exited. Exiting... (\(failure))") }
                return failure
            }
        }
    }

    /// A worker that reported ready, or nil when it exited first (its alerts are on standard error).
    private func startWorker(replacing old: pid_t?, inheriting inherited: Set<Int32>) -> pid_t? {
        var arguments = workerArguments + (old.map { ["-sf", "\($0)"] } ?? [])
        if old != nil, let transferSocket, !workerArguments.contains("-x") { arguments += ["-x", transferSocket] }
        var extra = [Self.workerVariable: "1"]
        if masterCLI != nil { extra[Self.masterCLIVariable] = "1" }
        let started = Daemon.startReporting(arguments, extra: extra, inheriting: inherited)
        guard started.ready else { return nil }
        table.workerStarted(started.pid)
        messages.print(.notice, "New worker (\(started.pid)) forked")
        messages.print(.notice, "Loading success.")
        return started.pid
    }

    /// The sockets open in this process above the standard streams.
    private static func openSockets() -> Set<Int32> {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
        return Set(names.compactMap { Int32($0) }.filter { descriptor in
            var status = stat()
            return descriptor > 2 && fstat(descriptor, &status) == 0 && (status.st_mode & S_IFMT) == S_IFSOCK
        })
    }
}
