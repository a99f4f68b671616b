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
            on standard error, as are server state changes. SIGTERM or SIGINT stops accepting connections and \
            lets requests in flight finish.
            """
    )

    @OptionGroup var output: OutputOptions
    @OptionGroup var checks: CheckArguments
    @OptionGroup var verbosity: VerbosityOptions

    @Option(name: .long, help: ArgumentHelp("Event-loop threads, over the configuration's nbthread (default: nbthread, else one per core).", valueName: "COUNT"))
    var threads: Int?

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
        let launch = EngineLaunch(threads: threads, printWarnings: verbosity.threshold(default: .warning) <= .warning)
        if let failure = launch.serve(loaded) {
            FileHandle.standardError.write(Data("\(EngineEventLog.timestamp(Date())) [weir] \(failure)\n".utf8))
            throw ExitCode(1)
        }
    }
}

/// Runs a plan on the engine until SIGTERM or SIGINT: what `weir run` and
/// `weir haproxy` share.
struct EngineLaunch {
    /// Event-loop threads; nil for the plan's nbthread, else one per core.
    let threads: Int?
    /// Whether the engine's warnings (features it does not run) are printed.
    let printWarnings: Bool

    /// nil after a clean stop, or why the engine could not start.
    func serve(_ plan: RuntimePlan) -> String? {
        var plan = plan
        // The engine warns about each feature it does not run, in the plan's order: make that the files' line order.
        plan.unsupported.sort { ($0.source.file, $0.source.line, $0.source.column) < ($1.source.file, $1.source.line, $1.source.column) }
        let count = ProxyEngine.threadCount(for: plan, override: threads)
        if printWarnings {
            FileHandle.standardError.write(Data("\(EngineEventLog.timestamp(Date())) [weir] \(count) event-loop thread\(count == 1 ? "" : "s")\n".utf8))
        }
        let group = MultiThreadedEventLoopGroup(numberOfThreads: count)
        let log = EngineEventLog()
        let engine = ProxyEngine(plan: plan, group: group) { [printWarnings] event in
            if case .warning = event, !printWarnings { return }
            log.write(event)
        }
        let outcome = EngineRunner.run(engine)
        try? group.syncShutdownGracefully()
        return outcome
    }
}

/// Starts the engine and blocks until SIGTERM or SIGINT has stopped it.
enum EngineRunner {
    /// nil after a clean stop, or why the engine could not start.
    static func run(_ engine: ProxyEngine) -> String? {
        signal(SIGTERM, SIG_IGN)
        signal(SIGINT, SIG_IGN)
        let finished = DispatchSemaphore(value: 0)
        let failure = FailureBox()
        let stopOnce = StopOnce()
        let sources = [SIGTERM, SIGINT].map { number -> DispatchSourceSignal in
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                guard stopOnce.claim() else { return }
                Task {
                    await engine.stop()
                    finished.signal()
                }
            }
            source.resume()
            return source
        }
        Task {
            do {
                try await engine.start()
            } catch {
                failure.set("cannot start: \(error)")
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

/// Lets exactly one signal start the stop.
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
