import ArgumentParser
import Dispatch
import Foundation
import NIOCore
import NIOPosix
import ProxyEngine
import RuntimePlan

/// `weir run`: the proxy engine.
struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run a plan (or a haproxy.cfg / site YAML, compiled first) with the bundled proxy engine.",
        discussion: """
            Listens on every bind (IPv4, IPv6, unix@ and paths, abns@, inherited fd@N), proxies HTTP/1.1 and TCP \
            to the backends with the configured balancing, health checks, limits and timeouts, on --threads (or \
            nbthread) event loops that share the connections. Features the engine does not run yet are listed as warnings \
            on standard error, as are server state changes.

            Runs in the foreground (the configuration's daemon applies to 'weir haproxy' only) and does what \
            HAProxy does around its proxies: ulimit-n and the maxconn file-descriptor arithmetic, cpu-map on \
            the event-loop threads, then after binding the pidfile, chroot, and user/group (or uid/gid). SIGUSR1 stops softly (listeners closed \
            after grace, requests in flight finished, keep-alive closing spread over close-spread-time, hard-stop-after \
            as the deadline); SIGTERM and SIGINT stop \
            at once.
            """
    )

    @OptionGroup var output: OutputOptions
    @OptionGroup var checks: CheckArguments
    @OptionGroup var verbosity: VerbosityOptions

    @Option(name: .long, help: ArgumentHelp("Event-loop threads, over the configuration's nbthread (default: nbthread, else one per core).", valueName: "COUNT"))
    var threads: Int?

    @Flag(name: .long, help: ArgumentHelp("Leave the process as it is: no descriptor limit, pid file, chroot, user or group (to try a production configuration as an ordinary user)."))
    var noProcessSettings = false

    @Argument(help: "plan.json, haproxy.cfg or site YAML.")
    var plan: String

    func validate() throws {
        if let threads, threads < 1 { throw ValidationError("--threads needs at least 1 thread") }
    }

    func run() throws {
        let loaded: RuntimePlan
        switch try PlanSource(output: output, verbosity: verbosity, checks: checks).load(plan) {
        case .success(let value): loaded = value
        case .failure(let status): throw ExitCode(status.rawValue)
        }
        var launch = EngineLaunch(threads: threads, printWarnings: verbosity.threshold(default: .warning) <= .warning)
        if noProcessSettings {
            launch.process.applyLimits = false
        } else {
            launch.process.settings = loaded.global.process
        }
        if let failure = launch.serve(loaded) {
            FileHandle.standardError.write(Data("\(EngineEventLog.timestamp(Date())) [weir] \(failure)\n".utf8))
            throw ExitCode(1)
        }
    }
}

/// Runs a plan on the engine until it is stopped: what `weir run` and
/// `weir haproxy` share.
struct EngineLaunch {
    /// Event-loop threads; nil for the plan's nbthread, else one per core.
    let threads: Int?
    /// Whether the engine's warnings (features it does not run) are printed.
    let printWarnings: Bool
    /// Limits, pid file, chroot, identity and the processes replaced.
    var process = ProcessLaunch()
    /// A daemon child's pipe to report readiness on and its /dev/null.
    var daemonChild: Daemon.Child?
    /// The listening sockets taken from the old process (`-x`).
    var received: ReceivedListeners?

    /// nil after a clean stop, or why the engine could not start.
    func serve(_ plan: RuntimePlan) -> String? {
        var plan = plan
        // The engine warns about each feature it does not run, in the plan's order: make that the files' line order.
        plan.unsupported.sort { ($0.source.file, $0.source.line, $0.source.column) < ($1.source.file, $1.source.line, $1.source.column) }
        let count = ProxyEngine.threadCount(for: plan, override: threads)
        switch process.applyLimits(to: plan, threads: count) {
        case .success(let limited): plan = limited
        case .failure(let failure): return failure.description
        }
        if printWarnings {
            FileHandle.standardError.write(Data("\(EngineEventLog.timestamp(Date())) [weir] \(count) event-loop thread\(count == 1 ? "" : "s")\n".utf8))
        }
        AllocatorArenas.limit(toThreads: count)
        CPUAffinity.bindProcess(process.settings, detached: daemonChild != nil || ProcessInfo.processInfo.environment[MasterWorker.workerVariable] != nil)
        let group = MultiThreadedEventLoopGroup(numberOfThreads: count)
        CPUAffinity.bindThreads(of: group, process.settings)
        let log = EngineEventLog()
        let engine = ProxyEngine(plan: plan, group: group) { [printWarnings] event in
            if case .warning = event, !printWarnings { return }
            log.write(event)
        }
        let outcome = EngineRunner.run(engine, replacing: process.oldPids.count, received: received) { [process, daemonChild] in
            if let failure = process.afterBind() { return failure.description }
            if let daemonChild { Daemon.reportReady(daemonChild) }
            return nil
        }
        try? group.syncShutdownGracefully()
        return outcome
    }
}

/// Starts the engine and blocks until a signal has stopped it, as HAProxy:
/// SIGUSR1 a soft stop (listeners closed after `grace`, requests in flight
/// finished, `hard-stop-after` as the deadline), SIGTERM and SIGINT a hard
/// stop (everything closed now, also during a soft stop).
enum EngineRunner {
    /// nil after a clean stop, or why the engine could not start; `started`
    /// runs once the listeners are bound and may refuse to go on.
    static func run(_ engine: ProxyEngine, replacing oldProcesses: Int = 0, received: ReceivedListeners? = nil,
                    started: @escaping @Sendable () -> String? = { nil }) -> String? {
        let finished = DispatchSemaphore(value: 0)
        let failure = FailureBox()
        let soft = StopOnce(), hard = StopOnce()
        let stops: [(Int32, StopOnce, @Sendable () async -> Void)] = [
            (SIGUSR1, soft, { await engine.softStop() }),
            (SIGTERM, hard, { await engine.hardStop() }),
            (SIGINT, hard, { await engine.hardStop() }),
        ]
        let sources = stops.map { number, once, stop -> DispatchSourceSignal in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                guard once.claim() else { return }
                Task {
                    await stop()
                    finished.signal()
                }
            }
            source.resume()
            return source
        }
        Task {
            do {
                try await engine.start(replacing: oldProcesses, received: received)
            } catch {
                failure.set("cannot start: \(error)")
                finished.signal()
                return
            }
            if let refusal = started() {
                failure.set(refusal)
                await engine.hardStop()
                finished.signal()
            }
        }
        // The signal sources must outlive the wait: an optimised build would
        // otherwise free them after their last use, and no signal would stop the engine.
        withExtendedLifetime(sources) { finished.wait() }
        return failure.value
    }
}

/// A message set once from another task.
final class FailureBox: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: String?

    func set(_ message: String) { lock.withLock { stored = message } }
    var value: String? { lock.withLock { stored } }
}

/// Lets exactly one signal start a stop.
final class StopOnce: @unchecked Sendable {
    private let lock = NSLock()
    private var claimed = false

    func claim() -> Bool {
        lock.withLock {
            defer { claimed = true }
            return !claimed
        }
    }
}
