import RuntimePlan
import XCTest

/// Global settings that change nothing the engine runs are not listed as unsupported, and `stats maxconn`
/// is planned (or refused, as haproxy refuses it).
final class InertSettingsPlannerTests: XCTestCase {
    func testExperimentalGateAndDHParameterSizeAreNotListed() throws {
        let plan = try XCTUnwrap(compilePlan("""
            global
                expose-experimental-directives
                tune.ssl.default-dh-param 2048
                tune.idle-pool.shared on
            defaults
                mode http
            frontend f
                bind 127.0.0.1:8080
                http-request return status 200

            """))
        XCTAssertEqual(plan.unsupported.map(\.directive), ["tune.idle-pool.shared on"],
                       "only the setting the engine does not follow stays listed")
    }

    func testHTTPReuseAlwaysIsWhatTheEngineDoesAndTheOtherPoliciesStayListed() throws {
        let plan = try XCTUnwrap(compilePlan("""
            defaults
                mode http
            backend pooled
                http-reuse always
                server s 127.0.0.1:1
            backend careful
                http-reuse safe
                server s 127.0.0.1:1
            backend private
                http-reuse never
                server s 127.0.0.1:1

            """))
        XCTAssertEqual(plan.unsupported.map(\.directive), ["http-reuse safe", "http-reuse never"])
    }

    func testStatsMaxconnIsPlannedAndANonPositiveValueRefused() throws {
        let plan = try XCTUnwrap(compilePlan("""
            global
                stats socket 127.0.0.1:9999
                stats maxconn 3
            defaults
                mode http
            frontend f
                bind 127.0.0.1:8080
                http-request return status 200

            """))
        XCTAssertEqual(plan.global.statsMaxConnections, 3)
        XCTAssertEqual(plan.unsupported.map(\.directive), [])
        let refused = planResult("""
            global
                stats maxconn 0
            defaults
                mode http
            frontend f
                bind 127.0.0.1:8080
                http-request return status 200

            """)
        XCTAssertTrue(refused.diagnostics.contains { $0.message == "'stats maxconn' expects a positive value" },
                      "\(refused.diagnostics.map(\.message))")
    }
}
