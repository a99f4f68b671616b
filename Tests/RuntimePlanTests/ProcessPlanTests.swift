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

    func testAConfigurationWithoutProcessKeywordsHasNone() throws {
        let plan = try XCTUnwrap(compilePlan("global\n    maxconn 100\n"))
        XCTAssertNil(plan.global.process)
    }
}
