import Foundation
import RuntimePlan
import WeirTestSupport
import XCTest

/// Distribution of real requests for each balancing algorithm, and
/// agreement of the hash-based ones with `RouteExplainer`.
final class BalancingTrafficTests: XCTestCase {
    private var harness: EngineHarness!
    private var port = 0

    override func setUp() async throws {
        harness = EngineHarness()
        port = Loopback.freePort()
    }

    override func tearDown() async throws {
        await harness.shutdown()
    }

    /// Starts servers s0… and the engine with `balance` and server options.
    private func start(balance: String, serverOptions: [String], extra: String = "") async throws {
        var servers = ""
        for (index, options) in serverOptions.enumerated() {
            let serverPort = Loopback.freePort()
            try harness.startBackend("s\(index)", port: serverPort)
            servers += "    server s\(index) 127.0.0.1:\(serverPort) \(options)\n"
        }
        try await harness.startEngine("""
            defaults
                mode http
                timeout connect 1s
                timeout client 5s
                timeout server 5s
            frontend f
                bind 127.0.0.1:\(port)
                default_backend pool
            backend pool
                balance \(balance)
            \(extra)
            \(servers)
            """)
    }

    private func servers(_ count: Int, target: (Int) -> String = { _ in "/" }, headers: (Int) -> [String] = { _ in [] })
        -> [String] {
        (0..<count).map { EngineHarness.request(port: port, target($0), headers: headers($0)).server }
    }

    func testRoundRobinFollowsWeightsSmoothly() async throws {
        try await start(balance: "roundrobin", serverOptions: ["weight 3", "weight 1"])
        let picks = servers(40)
        XCTAssertEqual(picks.filter { $0 == "s0" }.count, 30)
        XCTAssertEqual(picks.filter { $0 == "s1" }.count, 10)
        let longestRun = picks.split(separator: "s1").map(\.count).max() ?? 0
        XCTAssertLessThanOrEqual(longestRun, 3, "smooth: s1 is spread among s0 \(picks)")
    }

    func testStaticRoundRobinSplitsEvenly() async throws {
        try await start(balance: "static-rr", serverOptions: ["", "", ""])
        let picks = servers(30)
        XCTAssertEqual(Set(["s0", "s1", "s2"].map { name in picks.filter { $0 == name }.count }), [10])
    }

    func testFirstFillsTheFirstServer() async throws {
        try await start(balance: "first", serverOptions: ["maxconn 5", "maxconn 5"])
        XCTAssertEqual(Set(servers(10)), ["s0"])
    }

    func testLeastconnAlternatesWhenIdle() async throws {
        try await start(balance: "leastconn", serverOptions: ["", ""])
        let picks = servers(20)
        XCTAssertEqual(picks.filter { $0 == "s0" }.count, 10, "\(picks)")
    }

    func testRandomUsesEveryServer() async throws {
        try await start(balance: "random", serverOptions: ["", ""])
        XCTAssertEqual(Set(servers(60)), ["s0", "s1"])
    }

    func testBackupServesOnlyWhenTheOthersCannot() async throws {
        try await start(balance: "roundrobin", serverOptions: ["", "backup", "disabled"])
        XCTAssertEqual(Set(servers(10)), ["s0"])
    }

    func testSourceHashAgreesWithRoute() async throws {
        try await start(balance: "source", serverOptions: ["", "", ""])
        try assertAgreesWithExplainer(servers(10), facts: { _ in RequestFacts(source: "127.0.0.1") })
    }

    func testURIHashAgreesWithRouteAndSpreads() async throws {
        try await start(balance: "uri", serverOptions: ["", "", ""])
        let picks = servers(30, target: { "/item/\($0 % 15)?x=\($0)" })
        try assertAgreesWithExplainer(picks, facts: { RequestFacts(target: "/item/\($0 % 15)?x=\($0)") })
        XCTAssertGreaterThan(Set(picks).count, 1)
    }

    func testURLParamAndHeaderHashAgreeWithRoute() async throws {
        try await start(balance: "url_param user", serverOptions: ["", "", ""])
        let picks = servers(20, target: { "/?user=u\($0 % 7)" })
        try assertAgreesWithExplainer(picks, facts: { RequestFacts(target: "/?user=u\($0 % 7)") })
    }

    func testHeaderHashWithConsistentHashingAgreesWithRoute() async throws {
        try await start(balance: "hdr(x-user)", serverOptions: ["", "weight 2", ""], extra: "    hash-type consistent")
        let picks = servers(20, headers: { ["X-User: user\($0 % 9)"] })
        try assertAgreesWithExplainer(picks, facts: { RequestFacts(headers: [HTTPHeaderField(name: "X-User", value: "user\($0 % 9)")]) })
        XCTAssertGreaterThan(Set(picks).count, 1)
    }

    private func assertAgreesWithExplainer(_ picks: [String], facts: (Int) -> RequestFacts,
                                           file: StaticString = #filePath, line: UInt = #line) throws {
        let plan = try XCTUnwrap(harness.plan)
        let explainer = RouteExplainer(plan: plan)
        let frontend = try XCTUnwrap(plan.frontends.first)
        for (index, pick) in picks.enumerated() {
            XCTAssertEqual(explainer.explain(facts(index), frontend: frontend).server, pick, "request \(index)", file: file, line: line)
        }
    }
}
