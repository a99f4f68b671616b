import Foundation
#if canImport(Glibc)
import Glibc
#endif
import WeirTestSupport
import XCTest

/// `option log-health-checks` behind the real haproxy 2.6 and the engine: a
/// server that refuses connections, then listens. Both log the same "Health
/// check for server … failed/succeeded … status: x/y STATE." lines (notice)
/// in the same order around the DOWN and UP messages; only the header's
/// date and pid and the check durations may differ.
final class HealthCheckLogDifferentialTests: XCTestCase {
    func testHealthCheckLinesAgreeWithHAProxy() async throws {
        let dead = try await DeadServerLogPair.start(backendLines: """
                option log-health-checks
                server gone 127.0.0.1:PORT check inter 200 fall 2 rise 2
            """)
        let (pair, receivers, deadPort) = (dead.pair, dead.receivers, dead.deadPort)
        let relevant = ["Health check for", "is DOWN", "is UP"]
        func collect(_ side: Int, until last: String) -> [String] {
            var lines: [String] = []
            while let message = receivers[side].next(seconds: 5) {
                guard relevant.contains(where: message.contains) else { continue }
                lines.append(ServerStateLogDifferentialTests.normalized(message))
                if message.contains(last) { break }
            }
            return lines
        }
        let down = [collect(0, until: "is DOWN"), collect(1, until: "is DOWN")]
        let listener = ServerStateLogDifferentialTests.listen(port: deadPort)
        defer { close(listener) }
        let up = [collect(0, until: "is UP"), collect(1, until: "is UP")]
        await pair.shutdown()
        XCTAssertEqual(down[0].first, "<133>haproxy: Health check for server dead/gone failed, reason: Layer4 connection problem, "
                       + "info: \"Connection refused\", check duration: Nms, status: 0/2 DOWN.\n", "haproxy: \(down[0])")
        XCTAssertEqual(down[1], down[0])
        XCTAssertEqual(up[0].count, 3, "haproxy: \(up[0])")
        XCTAssertEqual(up[1], up[0])
    }
}
