import Foundation
import WeirTestSupport
import XCTest

/// `set rate-limit` on the runtime API of the real haproxy 2.6 and of the
/// engine: the same messages and `show info` limits, and a session limit
/// that holds new connections back on both.
final class RateLimitCommandDifferentialTests: XCTestCase {
    typealias Pair = RuntimeSocketDifferentialTests.Pair

    func testMessagesAndInfoMatchHAProxy() async throws {
        let pair = try await Pair()
        defer { Task { await pair.shutdown() } }
        for command in ["set rate-limit", "set rate-limit sessions", "set rate-limit sessions local 5", "set rate-limit sessions global",
                        "set rate-limit sessions global -1", "set rate-limit sessions global 40", "set rate-limit connections global 30",
                        "set rate-limit http-compression global 1"] {
            let (haproxy, engine) = pair.ask(command)
            XCTAssertEqual(engine, haproxy, command)
        }
        let (operatorHAProxy, operatorEngine) = pair.ask("set rate-limit sessions global 1", level: "operator")
        XCTAssertEqual(operatorEngine, operatorHAProxy)
        let (haproxyInfo, engineInfo) = pair.ask("show info")
        for field in ["ConnRateLimit: 30", "SessRateLimit: 40"] {
            XCTAssertTrue(haproxyInfo.contains(field + "\n"), "haproxy: \(haproxyInfo)")
            XCTAssertTrue(engineInfo.contains(field + "\n"), field)
        }
    }

    func testASessionLimitHoldsConnectionsBackLikeHAProxy() async throws {
        let pair = try await Pair()
        defer { Task { await pair.shutdown() } }
        _ = pair.ask("set rate-limit sessions global 3")
        func elapsed(_ port: Int) -> Double {
            let start = Date()
            for _ in 0..<9 { XCTAssertEqual(EngineHarness.request(port: port, "/", seconds: 10).status, 200) }
            return Date().timeIntervalSince(start)
        }
        let haproxy = elapsed(pair.haproxyPort), engine = elapsed(pair.enginePort)
        // Nine connections at three a second wait at least one period on both sides.
        XCTAssertGreaterThan(haproxy, 1.0)
        XCTAssertGreaterThan(engine, 1.0, "haproxy took \(haproxy) s")
        XCTAssertLessThan(engine, haproxy * 2 + 1, "haproxy took \(haproxy) s")
        _ = pair.ask("set rate-limit sessions global 0")
        XCTAssertLessThan(elapsed(pair.enginePort), 1.0, "without a limit the engine accepts at once")
    }
}
