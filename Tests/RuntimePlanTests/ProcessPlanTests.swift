import RuntimePlan
import XCTest

/// The process keywords of `global` reach the plan (the last one wins, as
/// in HAProxy) and are no longer listed as features the engine does not run.
final class ProcessPlanTests: XCTestCase {
    func testTheProductionConfigsProcessKeywordsArePlanned() throws {
        let text = try String(contentsOfFile: fixture("engine/production-loopback.cfg"), encoding: .utf8)
        let plan = try XCTUnwrap(compilePlan(text))
        var expected = ProcessPlan()
        expected.daemon = true
        expected.chroot = "/var/lib/haproxy"
        expected.user = .name("haproxy")
        expected.group = .name("haproxy")
        XCTAssertEqual(plan.global.process, expected)
        let listed = plan.unsupported.map(\.directive)
        for keyword in ["daemon", "chroot", "user", "group"] {
            XCTAssertFalse(listed.contains { $0.hasPrefix(keyword) }, "\(keyword) is run now: \(listed)")
        }
    }

    func testTimesIdsAndTheLastOccurrence() throws {
        let plan = try XCTUnwrap(compilePlan("""
            global
                uid 100
                gid 200
                user nobody
                ulimit-n 4096
                hard-stop-after 30s
                grace 2s
                pidfile /run/a.pid
                pidfile /run/b.pid
                noreuseport

            """))
        let process = try XCTUnwrap(plan.global.process)
        XCTAssertEqual(process.user, .name("nobody"))
        XCTAssertEqual(process.group, .id(200))
        XCTAssertEqual(process.ulimitN, 4096)
        XCTAssertEqual(process.hardStopAfterMs, 30_000)
        XCTAssertEqual(process.graceMs, 2_000)
        XCTAssertEqual(process.pidFile, "/run/b.pid")
        XCTAssertTrue(process.noReusePort)
        XCTAssertFalse(process.daemon)
    }

    func testCPUMapLinesAsHAProxyReadsThem() throws {
        let plan = try XCTUnwrap(compilePlan("""
            global
                nbthread 4
                cpu-map 1/1 0
                cpu-map auto:1/1-4 0-3
                cpu-map 1/3-4 2 3
                cpu-map auto:1/5-6 7
                cpu-map 1/2 9-7
                cpu-map 1/2 x

            """))
        let process = try XCTUnwrap(plan.global.process)
        // Thread 1 alone maps the process; a later line replaces an earlier one for the threads they share.
        XCTAssertEqual(process.processCPUs, [0])
        XCTAssertEqual(process.threadCPUs, [
            ThreadCPUs(thread: 1, cpus: [0]), ThreadCPUs(thread: 2, cpus: [7, 8, 9]), ThreadCPUs(thread: 3, cpus: [2, 3]),
            ThreadCPUs(thread: 4, cpus: [2, 3]), ThreadCPUs(thread: 5, cpus: [7]), ThreadCPUs(thread: 6, cpus: []),
        ])
        // A descending range is read in order; a CPU set that is no number is refused by haproxy and stays
        // listed as not run.
        XCTAssertEqual(plan.unsupported.map(\.directive), ["cpu-map 1/2 x"])
    }

    func testAConfigurationWithoutProcessKeywordsHasNone() throws {
        let plan = try XCTUnwrap(compilePlan("global\n    maxconn 100\n"))
        XCTAssertNil(plan.global.process)
    }
}
