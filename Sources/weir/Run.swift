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

    @Option(name: .long, help: "Event-loop threads, over the configuration's nbthread (default: nbthread, else one per core).")
    var threads: Int?

    @Argument(help: "plan.json, haproxy.cfg or site YAML.")
    var plan: String

    func validate() throws {
        if let threads, threads < 1 { throw ValidationError("--threads needs at least 1 thread") }
    }

    func run() throws {
        let loaded: RuntimePlan
        switch PlanSource(output: output).load(plan) {
        case .success(let value): loaded = value
        case .failure(let status): throw ExitCode(status.rawValue)
        }
        let count = ProxyEngine.threadCount(for: loaded, override: threads)
        FileHandle.standardError.write(Data("[weir] \(count) event-loop thread\(count == 1 ? "" : "s")\n".utf8))
        let group = MultiThreadedEventLoopGroup(numberOfThreads: count)
        let engine = ProxyEngine(plan: loaded, group: group) { event in
            FileHandle.standardError.write(Data("[weir] \(event)\n".utf8))
        }
        let outcome = EngineRunner.run(engine)
        try? group.syncShutdownGracefully()
        if let failure = outcome {
            FileHandle.standardError.write(Data("weir: \(failure)\n".utf8))
            throw ExitCode(1)
        }
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
