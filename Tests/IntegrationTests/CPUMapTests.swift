import Foundation
import WeirTestSupport
import XCTest

/// `cpu-map` binds the engine's event-loop threads to the CPUs to which
/// haproxy 2.6 binds its threads, read from /proc: per-thread lines, `auto:`,
/// `all`, and HAProxy's quirk that a line for the whole process (`1`, or
/// thread 1 alone) applies only to a daemon or a worker.
final class CPUMapTests: XCTestCase {
    private var directory: URL!
    private var started: [Int32] = []

    override func setUpWithError() throws {
        guard Programs.path("haproxy") != nil else { throw XCTSkip("haproxy 2.6 is needed as the reference (install haproxy)") }
        // Two CPUs at least: every case below binds CPUs 0 and 1.
        guard ProcessInfo.processInfo.activeProcessorCount >= 2 else { throw XCTSkip("cpu-map needs 2 CPUs here") }
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("weir-cpumap-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        for pid in started { kill(pid, SIGKILL) }
        if let directory { try? FileManager.default.removeItem(at: directory) }
    }

    func testEachThreadIsBoundToHAProxysCPUsInTheForegroundAndAsADaemon() throws {
        let lines = ["cpu-map 1/1 0", "cpu-map 1/2 1", "cpu-map 1 1", "cpu-map auto:1/1-2 0-1", "cpu-map 1/all 1",
                     "cpu-map auto:1/1-2 0", "cpu-map 1/all 0-1\n    cpu-map 1/2 1"]
        for line in lines {
            for daemon in [false, true] {
                let reference = try threadCPUs(program: "haproxy", line: line, daemon: daemon)
                let engine = try threadCPUs(program: "weir", line: line, daemon: daemon)
                XCTAssertEqual(reference.count, 2, "haproxy's threads for \(line)")
                XCTAssertEqual(engine, reference, "\(line) \(daemon ? "as a daemon" : "in the foreground")")
            }
        }
    }

    /// The CPUs each of the two threads may run on (haproxy's threads by task id, the engine's event
    /// loops by number), with the process started in the foreground or as a daemon (`-D -p`).
    private func threadCPUs(program: String, line: String, daemon: Bool) throws -> [String] {
        let port = Loopback.freePort()
        let config = directory.appendingPathComponent("\(program)-\(port).cfg")
        try """
            global
                nbthread 2
                \(line)
            defaults
                mode http
                timeout connect 1s
                timeout client 5s
                timeout server 5s
            frontend fe
                bind 127.0.0.1:\(port)
                http-request return status 200

            """.write(to: config, atomically: true, encoding: .utf8)
        let executable = program == "haproxy" ? try XCTUnwrap(Programs.path("haproxy")) : try WeirProcess.binary.path
        let prefix = program == "haproxy" ? [] : ["haproxy"]
        var foreground: BackgroundProcess?
        let pid: Int32
        if daemon {
            let pidFile = directory.appendingPathComponent("\(program)-\(port).pid").path
            let start = ProxyProcesses.startDaemon(executable, prefix + ["-D", "-p", pidFile, "-f", config.path],
                                                   log: directory.appendingPathComponent("\(program)-\(port).log").path)
            XCTAssertEqual(start.status, 0, start.output)
            pid = try XCTUnwrap(ProxyProcesses.pid(in: pidFile), start.output)
            started.append(pid)
        } else {
            let process = try BackgroundProcess(executable, prefix + ["-f", config.path])
            foreground = process
            pid = process.process.processIdentifier
        }
        defer {
            if let foreground { foreground.stop() } else { kill(pid, SIGTERM); _ = ProxyProcesses.waitUntilGone(pid, seconds: 5) }
        }
        XCTAssertTrue(Loopback.waitForListener(port: port), "\(program) listens for \(line)")
        // haproxy may start its second thread, which then binds itself, after it listens: wait for both, then a moment.
        let deadline = Date().addingTimeInterval(5)
        while threads(of: pid, engine: program == "weir").count < 2, Date() < deadline { usleep(20_000) }
        usleep(300_000)
        return threads(of: pid, engine: program == "weir").map(\.cpus)
    }

    /// The process's threads in HAProxy's order with their `Cpus_allowed_list`: for haproxy every task by id,
    /// for the engine its event loops (`NIO-ELT-G-#N`) by N.
    private func threads(of pid: Int32, engine: Bool) -> [(order: Int, cpus: String)] {
        let tasks = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/task")) ?? []
        var found: [(order: Int, cpus: String)] = []
        for task in tasks {
            guard let id = Int(task),
                  let status = try? String(contentsOfFile: "/proc/\(pid)/task/\(task)/status", encoding: .utf8),
                  let cpus = status.split(separator: "\n").first(where: { $0.hasPrefix("Cpus_allowed_list:") })?
                      .split(separator: "\t").last.map(String.init)
            else { continue }
            if engine {
                let name = ((try? String(contentsOfFile: "/proc/\(pid)/task/\(task)/comm", encoding: .utf8)) ?? "")
                    .trimmingCharacters(in: .whitespacesAndNewlines)
                guard name.hasPrefix("NIO-ELT-"), let number = name.split(separator: "#").last.flatMap({ Int($0) }) else { continue }
                found.append((number, cpus))
            } else {
                found.append((id, cpus))
            }
        }
        return found.sorted { $0.order < $1.order }
    }
}
