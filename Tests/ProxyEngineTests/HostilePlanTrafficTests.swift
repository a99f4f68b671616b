import ConfigDiagnostics
import Foundation
import HAProxyConfig
import NIOPosix
import ProxyEngine
import RuntimePlan
import RuntimePlanner
import WeirTestSupport
import XCTest

/// Probe defect D2: a plan whose `option forwardfor except` is not a network
/// (a hand-edited plan.json, or one compiled before compile refused it) made
/// the first request trap the whole process. The engine now treats it as no
/// exception and keeps serving.
final class HostilePlanTrafficTests: XCTestCase {
    func testForwardforExceptThatIsNoNetworkDoesNotTrap() async throws {
        let backendPort = Loopback.freePort(), enginePort = Loopback.freePort()
        let harness = EngineHarness()
        try harness.startBackend("s1", port: backendPort)
        let config = """
            defaults
                mode http
                timeout connect 1s
                timeout client 5s
                timeout server 5s
            frontend fe
                bind 127.0.0.1:\(enginePort)
                option forwardfor except 10.0.0.0/8
                default_backend be
            backend be
                server s1 127.0.0.1:\(backendPort)

            """
        let parsed = HAProxyReader().read([SourceFile(path: "hostile.cfg", text: config)])
        var plan = try XCTUnwrap(Planner(fileOrder: ["hostile.cfg"]).plan(parsed.configuration).plan)
        for hostile in ["/", "", "::/129", "1.2.3.4/"] {
            plan.frontends[0].options.forwardFor?.except = hostile
            let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
            let engine = ProxyEngine(plan: plan, group: group) { _ in }
            try await engine.start()
            let response = EngineHarness.request(port: enginePort, "/")
            XCTAssertEqual(response.status, 200, "except '\(hostile)': \(response.raw)")
            XCTAssertEqual(response.server, "s1")
            await engine.stop(graceMs: 1000)
            try await group.shutdownGracefully()
        }
        await harness.shutdown()
    }
}
