import Foundation
import WeirTestSupport
import XCTest
#if canImport(Glibc)
import Glibc
#endif

/// `stats maxconn` on the real haproxy 2.6 and on the engine: with that many runtime API sessions open over the
/// `stats socket` listeners (10 when it is not written), the next client is not answered until one of them ends.
final class StatsMaxconnDifferentialTests: XCTestCase {
    /// What a client past the limit saw: an answer while the sessions were open, and one after the first ended.
    struct Observation: Equatable {
        var answeredWhileFull: Bool
        var answeredAfterOneLeft: Bool
    }

    func testAClientPastStatsMaxconnWaitsForASessionToEnd() async throws {
        let observed = try await observe(maxconnLine: "    stats maxconn 2\n", sessions: 2)
        XCTAssertEqual(observed, Observation(answeredWhileFull: false, answeredAfterOneLeft: true))
    }

    func testTheDefaultLimitIsTenSessions() async throws {
        let observed = try await observe(maxconnLine: "", sessions: 10)
        XCTAssertEqual(observed, Observation(answeredWhileFull: false, answeredAfterOneLeft: true))
    }

    /// Runs the scenario on haproxy and on the engine, asserts they agree, and returns what they saw.
    private func observe(maxconnLine: String, sessions: Int) async throws -> Observation {
        let haproxy = try XCTUnwrap(Programs.path("haproxy"), "haproxy is not installed (bash .ci/run installs it)")
        let haproxyCLI = Loopback.freePort(), engineCLI = Loopback.freePort()
        func config(_ cli: Int) -> String {
            """
            global
                stats socket 127.0.0.1:\(cli) level admin
            \(maxconnLine)    stats timeout 10s
            defaults
                mode http
                timeout connect 1s
                timeout client 5s
                timeout server 5s
            frontend fe
                bind 127.0.0.1:\(Loopback.freePort())
                http-request return status 200

            """
        }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("weir-stats-maxconn-\(UUID().uuidString).cfg")
        try config(haproxyCLI).write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let reference = try BackgroundProcess(haproxy, ["-db", "-f", file.path])
        defer { reference.stop() }
        let harness = EngineHarness()
        try await harness.startEngine(config(engineCLI))
        XCTAssertTrue(Loopback.waitForListener(port: haproxyCLI), reference.output)
        XCTAssertTrue(Loopback.waitForListener(port: engineCLI))
        // The probes above were sessions too: let both sides see them end.
        usleep(200_000)
        let observations = [haproxyCLI, engineCLI].map { Self.scenario(port: $0, sessions: sessions) }
        await harness.shutdown()
        XCTAssertEqual(observations[1], observations[0], "the engine (second) differs from haproxy (first)")
        return observations[0]
    }

    /// Opens `sessions` interactive sessions, then one more client; ends the first session.
    private static func scenario(port: Int, sessions: Int) -> Observation {
        var open: [Int32] = []
        defer { open.forEach { close($0) } }
        for _ in 0..<sessions {
            guard let fd = Loopback.connect(port: port) else { return Observation(answeredWhileFull: false, answeredAfterOneLeft: false) }
            Loopback.send(fd, "prompt\n")
            _ = Loopback.readUntil(fd, "> ", seconds: 2)
            open.append(fd)
        }
        guard let waiting = Loopback.connect(port: port) else {
            return Observation(answeredWhileFull: false, answeredAfterOneLeft: false)
        }
        defer { close(waiting) }
        Loopback.send(waiting, "show env PATH\n")
        let early = Loopback.readUntil(waiting, "\n", seconds: 0.6)
        Loopback.send(open[0], "quit\n")
        let late = Loopback.readAll(waiting, seconds: 3)
        return Observation(answeredWhileFull: !early.isEmpty, answeredAfterOneLeft: !(early + late).isEmpty)
    }
}
