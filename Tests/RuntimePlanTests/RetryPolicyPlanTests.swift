import HAProxyConfig
import ConfigDiagnostics
import RuntimePlan
@testable import RuntimePlanner
import XCTest

/// `retry-on` compiled to the backend's `RetryPolicy`, with HAProxy 2.6's keywords and inheritance.
final class RetryPolicyPlanTests: XCTestCase {
    private func backend(_ lines: String, mode: String = "http") throws -> BackendPlan {
        let plan = try XCTUnwrap(compilePlan("""
            defaults
                mode \(mode)
                timeout connect 1s
                timeout client 1s
                timeout server 1s
                retry-on 503
            backend b
            \(lines)
                server s 127.0.0.1:8080

            """))
        return try XCTUnwrap(plan.backends.first)
    }

    func testTheDefaultRetriesConnectionFailuresOnly() throws {
        let policy = RetryPolicy()
        XCTAssertTrue(policy.connectionFailure)
        XCTAssertFalse(policy.replaysRequests)
    }

    func testALineReplacesTheDefaultsOne() throws {
        XCTAssertEqual(try backend("").retryOn?.statuses, [503])
        let policy = try XCTUnwrap(try backend("    retry-on empty-response 404").retryOn)
        XCTAssertEqual(policy.statuses, [404])
        XCTAssertTrue(policy.emptyResponse)
        XCTAssertFalse(policy.connectionFailure, "conn-failure is not kept unless named")
    }

    func testAllRetryableErrorsAndNone() throws {
        let policy = { (words: [String]) in RetryPolicy(RetryOnSpec(words: words, ranges: [], line: SourceFile(path: "t", text: "").range(0, 0))) }
        let all = try XCTUnwrap(policy(["all-retryable-errors"]))
        XCTAssertEqual(all.statuses, [500, 502, 503, 504])
        XCTAssertTrue(all.connectionFailure && all.emptyResponse && all.junkResponse && all.responseTimeout && all.earlyDataRejected)
        let none = try XCTUnwrap(policy(["none"]))
        XCTAssertFalse(none.connectionFailure || none.replaysRequests)
        XCTAssertNil(policy(["600"]))
        XCTAssertNil(policy(["sometimes"]))
        XCTAssertNil(policy(["none", "503"]))
        XCTAssertNil(policy([]))
    }

    func testTCPModeIgnoresIt() throws {
        XCTAssertNil(try backend("", mode: "tcp").retryOn)
    }

    func testItIsNotListedAsNotRun() throws {
        let plan = try XCTUnwrap(compilePlan("""
            defaults
                mode http
            backend b
                retry-on all-retryable-errors
                fullconn 100
                server s 127.0.0.1:8080

            """))
        XCTAssertFalse(plan.unsupported.contains { $0.directive.hasPrefix("retry-on") }, "\(plan.unsupported)")
        XCTAssertTrue(plan.unsupported.contains { $0.directive.hasPrefix("fullconn") }, "\(plan.unsupported)")
    }
}
