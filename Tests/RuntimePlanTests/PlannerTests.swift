import Foundation
import RuntimePlan
import XCTest

final class PlannerTests: XCTestCase {
    func testDefaultsAreInheritedFromTheLastSectionOrByName() throws {
        let plan = try XCTUnwrap(compilePlan("""
            defaults base
                mode http
                timeout connect 5s
                timeout client 1m
                option forwardfor
            defaults
                mode tcp
                timeout server 30s
            frontend plain
                bind 127.0.0.1:8000
                default_backend pool
            backend pool from base
                timeout server 2s
                server a 127.0.0.1:9000 weight 3 maxconn 10 check inter 500ms fall 2
                server b 127.0.0.1:9001 backup

            """))
        let frontend = try XCTUnwrap(plan.frontends.first)
        XCTAssertEqual(frontend.mode, .tcp)
        XCTAssertEqual(frontend.timeouts, FrontendTimeoutPlan())
        XCTAssertNil(frontend.options.forwardFor)
        let backend = try XCTUnwrap(plan.backend(named: "pool"))
        XCTAssertEqual(backend.mode, .http)
        XCTAssertEqual(backend.timeouts, BackendTimeoutPlan(connectMs: 5000, serverMs: 2000))
        XCTAssertEqual(backend.options.forwardFor?.header, "X-Forwarded-For")
        XCTAssertEqual(backend.servers.map(\.name), ["a", "b"])
        XCTAssertEqual(backend.servers[0].weight, 3)
        XCTAssertEqual(backend.servers[0].maxconn, 10)
        XCTAssertEqual(backend.servers[0].check, ServerCheckPlan(interMs: 500, rise: 2, fall: 2))
        XCTAssertTrue(backend.servers[1].backup)
        XCTAssertNil(backend.servers[1].check)
        XCTAssertEqual(backend.healthCheck?.kind, .connect)
    }

    func testThePlanIsDeterministicAndRoundTrips() throws {
        let text = try String(contentsOfFile: fixture("engine/production-loopback.cfg"), encoding: .utf8)
        let first = try XCTUnwrap(compilePlan(text))
        let second = try XCTUnwrap(compilePlan(text))
        let json = PlanCoding.encode(first)
        XCTAssertEqual(json, PlanCoding.encode(second))
        XCTAssertEqual(try PlanCoding.decode(Data(json.utf8)).get(), first)
        XCTAssertTrue(json.contains("\"schemaVersion\" : 6"))
    }

    func testAnotherSchemaVersionIsRefused() {
        let result = PlanCoding.decode(Data(#"{"schemaVersion": 99}"#.utf8))
        XCTAssertEqual(result.failureValue, .unsupportedSchemaVersion(found: 99, expected: RuntimePlan.currentSchemaVersion))
    }

    func testProductionConfigListsWhatTheEngineDoesNotRun() throws {
        let text = try String(contentsOfFile: fixture("engine/production-loopback.cfg"), encoding: .utf8)
        let plan = try XCTUnwrap(compilePlan(text))
        let features = Set(plan.unsupported.map(\.feature))
        for running in ["logging", "stats", "tls", "stick-table"] {
            XCTAssertFalse(features.contains(running), "\(running) runs in the engine: \(features)")
        }
        let https = try XCTUnwrap(plan.frontends.first { $0.name == "https_in" })
        XCTAssertEqual(https.log.style, .httplog, "logging is planned")
        XCTAssertEqual(https.backendRules.map(\.backend), ["api_pool", "ws_pool"])
        XCTAssertEqual(https.httpRequestRules.map(\.action), [.stickCounter, .deny], "the rate limiter runs")
        XCTAssertEqual(plan.stickTables.map(\.name), ["https_in"])
        let web = try XCTUnwrap(plan.backend(named: "web_pool"))
        XCTAssertEqual(web.healthCheck?.request?.uri, "/health")
        XCTAssertEqual(web.healthCheck?.expectations, [CheckExpectation(kind: .status, pattern: "200")])
        XCTAssertEqual(plan.backend(named: "ws_pool")?.timeouts.tunnelMs, 3_600_000)
        XCTAssertEqual(plan.backend(named: "api_pool")?.balance.algorithm, .leastconn)
    }

    func testUndefinedACLAndBackendAreErrors() {
        let result = planResult("""
            frontend f
                mode http
                bind 127.0.0.1:8000
                use_backend nowhere if is_missing
                default_backend also_missing

            """)
        XCTAssertNil(result.plan)
        XCTAssertEqual(Set(result.diagnostics.map(\.rule.rawValue)), ["acl-undefined", "backend-undefined"])
    }

    func testPatternFilesAreReadAtCompileTime() throws {
        let plan = try XCTUnwrap(compilePlan("""
            frontend f
                mode http
                bind 127.0.0.1:8000
                acl allowed src -f /etc/allow.lst
                http-request deny unless allowed

            """, patternFiles: ["/etc/allow.lst": "# trusted\n10.0.0.0/8\n\n  192.168.1.1  \n"]))
        let acl = try XCTUnwrap(plan.frontends.first?.acls.first)
        XCTAssertEqual(acl.tests.first?.patterns, ["10.0.0.0/8", "192.168.1.1"])
        XCTAssertEqual(acl.tests.first?.patternFiles, ["/etc/allow.lst"])
        XCTAssertNil(planResult("frontend f\n    mode http\n    bind :80\n    acl a src -f /nope\n").plan)
    }

    func testConditionsCompileToPredicateTrees() throws {
        let plan = try XCTUnwrap(compilePlan("""
            frontend f
                mode http
                bind 127.0.0.1:8000
                acl api path_beg /api/
                acl post method POST
                use_backend b if api !post or { hdr(host) -i a.example } || TRUE
                default_backend b
            backend b
                server s 127.0.0.1:9000

            """))
        let condition = try XCTUnwrap(plan.frontends.first?.backendRules.first?.condition)
        guard case .or(let groups) = condition, groups.count == 3, case .and(let first) = groups[0], first.count == 2,
              case .not(.acl(name: "post", _)) = first[1], case .test(let anonymous) = groups[1],
              case .acl(name: "TRUE", _) = groups[2] else {
            return XCTFail("unexpected tree \(condition)")
        }
        XCTAssertEqual(anonymous.fetch, Fetch(.header, arguments: ["host"]))
        XCTAssertTrue(anonymous.ignoreCase)
    }
}

/// The path of a file under Fixtures/.
func fixture(_ name: String) -> String {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures").appendingPathComponent(name).path
}

extension Result {
    var failureValue: Failure? {
        if case .failure(let error) = self { return error }
        return nil
    }
}
