import ConfigDiagnostics
import Foundation
import HAProxyConfig
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import ProxyEngine
import RuntimePlan
import RuntimePlanner
import WeirTestSupport
import XCTest

/// Test backends (Python processes on loopback) and an engine running a
/// configuration in this process, on an event-loop group of `threads`
/// threads: the one given, else `WEIR_ENGINE_THREADS` from the environment
/// (to run whole suites on one thread or on many), else the configuration's
/// `nbthread`, else two, so connections are spread over two loops.
final class EngineHarness: @unchecked Sendable {
    /// A response as the raw client saw it.
    struct Response {
        var status: Int
        var headers: [String: String]
        var body: String
        var raw: String

        /// The first body line: the name of the backend server that answered.
        var server: String { body.split(separator: "\n").first.map(String.init) ?? "" }
    }

    static let backendScript = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Support/backend.py").path

    private(set) var backends: [String: BackgroundProcess] = [:]
    private(set) var plan: RuntimePlan?
    private(set) var engine: ProxyEngine?
    private let threads: Int?
    private(set) var group: MultiThreadedEventLoopGroup?
    private let recorded = NIOLockedValueBox<[EngineEvent]>([])

    static let environmentThreads = ProcessInfo.processInfo.environment["WEIR_ENGINE_THREADS"].flatMap { Int($0) }

    init(threads: Int? = nil) { self.threads = threads }

    var events: [EngineEvent] { recorded.withLockedValue { $0 } }

    /// Starts a backend answering with `name` on `port`.
    func startBackend(_ name: String, port: Int) throws {
        guard let python = Programs.path("python3") else { throw XCTSkip("python3 is not installed") }
        let process = try BackgroundProcess(python, [Self.backendScript, name, String(port)])
        backends[name] = process
        XCTAssertTrue(Loopback.waitForListener(port: port), "backend \(name) did not start: \(process.output)")
    }

    func killBackend(_ name: String) {
        backends[name]?.stop(signal: SIGKILL)
        backends[name] = nil
    }

    /// Compiles the configuration text and starts the engine on it; `idleParkingDelay` nil keeps
    /// idle keep-alive connections in their channels (on their event loops).
    func startEngine(_ config: String, idleParkingDelay: TimeAmount? = .milliseconds(100)) async throws {
        let parsed = HAProxyReader().read([SourceFile(path: "engine-test.cfg", text: config)])
        let errors = parsed.diagnostics.filter { $0.severity == .error }
        XCTAssertEqual(errors.map(\.message), [])
        let planned = Planner(fileOrder: ["engine-test.cfg"]).plan(parsed.configuration)
        let plan = try XCTUnwrap(planned.plan, "\(planned.diagnostics.map(\.message))")
        self.plan = plan
        let recorded = self.recorded
        let group = self.group ?? MultiThreadedEventLoopGroup(numberOfThreads: threads ?? Self.environmentThreads ?? plan.global.nbthread ?? 2)
        self.group = group
        let engine = ProxyEngine(plan: plan, group: group, idleParkingDelay: idleParkingDelay) { event in
            recorded.withLockedValue { $0.append(event) }
        }
        try await engine.start()
        self.engine = engine
    }

    func stopEngine() async {
        await engine?.stop(graceMs: 5000)
        engine = nil
    }

    func shutdown() async {
        await stopEngine()
        for name in backends.keys { killBackend(name) }
        try? await group?.shutdownGracefully()
    }

    /// Sends one request (closing the connection after it) and parses the answer.
    static func request(port: Int, _ target: String, method: String = "GET", headers: [String] = [],
                        seconds: Double = 5) -> Response {
        let text = "\(method) \(target) HTTP/1.1\r\nHost: test.example\r\n" + headers.map { $0 + "\r\n" }.joined()
            + "Connection: close\r\n\r\n"
        return parse(Loopback.exchange(port: port, text, seconds: seconds))
    }

    static func parse(_ raw: String) -> Response {
        guard let split = raw.range(of: "\r\n\r\n") else { return Response(status: 0, headers: [:], body: "", raw: raw) }
        let lines = raw[..<split.lowerBound].components(separatedBy: "\r\n")
        let status = lines.first.flatMap { Int($0.split(separator: " ").dropFirst().first ?? "") } ?? 0
        var headers: [String: String] = [:]
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return Response(status: status, headers: headers, body: String(raw[split.upperBound...]), raw: raw)
    }

    /// Waits until an event satisfies `predicate`; at most `seconds`.
    func waitForEvent(seconds: Double, _ predicate: (EngineEvent) -> Bool) async -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if events.contains(where: predicate) { return true }
            try? await Task.sleep(nanoseconds: 20_000_000)
        }
        return false
    }
}
