import ConfigDiagnostics
import HAProxyConfig
import RuntimePlan
import XCTest

/// The plan's server checks are the semantic layer's `CheckTiming`, the one
/// the checker's failover rules read: `default-server` options, defaults
/// sections and the server line give the same timing to both.
final class CheckTimingPlanTests: XCTestCase {
    func testEveryServerCheckIsTheSemanticLayersTiming() throws {
        let text = """
            defaults base
                mode http
                timeout connect 5s
                timeout client 5s
                timeout server 5s
                default-server fall 5 fastinter 300
            backend app from base
                default-server rise 4
                server a 127.0.0.1:8081 check inter 1s
                server b 127.0.0.1:8082 check rise 1 downinter 10s
                server c 127.0.0.1:8083 check fall 2x

            """
        let plan = try XCTUnwrap(compilePlan(text))
        let checks = try XCTUnwrap(plan.backend(named: "app")).servers.map(\.check)
        let configuration = HAProxyReader().read([SourceFile(path: "test.cfg", text: text)]).configuration
        let proxy = EffectiveProxy(try XCTUnwrap(configuration.proxies.first), in: configuration)
        let timings = proxy.proxy.servers.map { CheckTiming($0, proxy) }
        XCTAssertEqual(checks, timings.map {
            ServerCheckPlan(interMs: Int($0.inter.milliseconds), fastinterMs: Int($0.fastinter.milliseconds),
                            downinterMs: Int($0.downinter.milliseconds), rise: $0.rise, fall: $0.fall)
        })
        XCTAssertEqual(checks.first, ServerCheckPlan(interMs: 1000, fastinterMs: 300, downinterMs: 1000, rise: 4, fall: 5))
        XCTAssertEqual(checks.last??.fall, 2)
    }
}
