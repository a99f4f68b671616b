import Foundation
import ProxyEngine
import RuntimePlan

/// What HAProxy does around its proxies when it starts, in its order: the
/// file-descriptor limit before binding; after binding the pid file, the
/// chroot, the signal to the processes being replaced (`-sf`/`-st`), then
/// the drop to `user`/`group`. Each step returns HAProxy's message on failure.
struct ProcessLaunch {
    /// The `global` process keywords (nil: none written).
    var settings: ProcessPlan?
    /// `-p FILE`, over `pidfile`.
    var pidFileOverride: String?
    /// Whether the pid file is written: HAProxy writes it in daemon mode only; `weir run` whenever one is set.
    var writesPidFile = true
    /// `-sf`/`-st`: the processes this one replaces, told once the listeners are bound.
    var oldPids: [Int32] = []
    /// SIGUSR1 for `-sf` (finish then exit), SIGTERM for `-st`.
    var oldPidSignal: Int32 = SIGUSR1
    /// The name in `[NAME.main()]` messages.
    var programName = "weir"
    /// Whether RLIMIT_NOFILE is set and checked (`weir run --no-process-settings` leaves it).
    var applyLimits = true

    /// The pid file to write, if any.
    var pidFile: String? { writesPidFile ? (pidFileOverride ?? settings?.pidFile) : nil }

    /// Sets RLIMIT_NOFILE as HAProxy does and returns the plan with the
    /// `maxconn` it computed when none was written; or the alert that stops the start.
    func applyLimits(to plan: RuntimePlan, threads: Int) -> Result<RuntimePlan, LaunchFailure> {
        guard applyLimits else { return .success(plan) }
        var boot = rlimit()
        getrlimit(Int32(RLIMIT_NOFILE.rawValue), &boot)
        let budget = FileDescriptorBudget.compute(for: plan, threads: threads,
                                                  bootSoftLimit: Self.clamped(boot.rlim_cur), bootHardLimit: Self.clamped(boot.rlim_max))
        var wanted = rlimit(rlim_cur: rlim_t(budget.limit), rlim_max: max(boot.rlim_max, rlim_t(budget.limit)))
        if setrlimit(Int32(RLIMIT_NOFILE.rawValue), &wanted) != 0 {
            var current = rlimit()
            getrlimit(Int32(RLIMIT_NOFILE.rawValue), &current)
            return .failure(LaunchFailure("[\(programName).main()] Cannot raise FD limit to \(budget.limit), limit is \(Self.clamped(current.rlim_cur))."))
        }
        var current = rlimit()
        getrlimit(Int32(RLIMIT_NOFILE.rawValue), &current)
        if Self.clamped(current.rlim_cur) < budget.maxsock {
            return .failure(LaunchFailure("[\(programName).main()] FD limit (\(Self.clamped(current.rlim_cur))) too low for "
                + "maxconn=\(budget.maxconn)/maxsock=\(budget.maxsock). Please raise 'ulimit-n' to \(budget.maxsock) or more to avoid any trouble."))
        }
        var limited = plan
        limited.global.maxconn = budget.maxconn
        return .success(limited)
    }

    /// After the listeners are bound: pid file, chroot, old processes told, identity dropped.
    func afterBind() -> LaunchFailure? {
        let identity: ProcessIdentity
        switch ProcessIdentity.resolve(user: settings?.user, group: settings?.group, programName: programName) {
        case .success(let resolved): identity = resolved
        case .failure(let failure): return failure
        }
        if let pidFile, let failure = PidFile.write(getpid(), to: pidFile, programName: programName) { return failure }
        if let directory = settings?.chroot, chroot(directory) != 0 || chdir("/") != 0 {
            return LaunchFailure("[\(programName).main()] Cannot chroot(\(directory)).")
        }
        for pid in oldPids { kill(pid, oldPidSignal) }
        return identity.drop()
    }

    private static func clamped(_ value: rlim_t) -> Int { value >= rlim_t(Int32.max) ? Int(Int32.max) : Int(value) }
}

/// Why the process cannot start, in HAProxy's words.
struct LaunchFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
