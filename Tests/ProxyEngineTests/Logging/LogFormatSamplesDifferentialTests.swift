import Foundation
import WeirTestSupport
import XCTest

/// Sample expressions with converters inside log-format lines, and
/// `unique-id-format` with `unique-id-header`, through the real haproxy 2.6
/// and the engine: the same log lines, and the same header at the server.
final class LogFormatSamplesDifferentialTests: XCTestCase {
    func testSampleConvertersInLogFormatAgreeWithHAProxy() async throws {
        try await HTTPLogDifferentialTests.compare(
            format: #"log-format "%ST %[src,ipmask(8)] %[capture.req.uri,lower] %[capture.req.method,length] %[capture.req.ver,lower]""#,
            paths: ["/", "/Mixed?Q=A"], timerTokens: [])
    }

    func testUniqueIDHeaderReachesTheServerAndTheLog() async throws {
        let format = #"log-format "%ID %ST %b/%s"\#n    unique-id-format id-%[method,lower]-%[path,length]\#n    unique-id-header X-Unique-ID"#
        let observed = try await HTTPLogDifferentialTests.compare(format: format, paths: ["/", "/abc"], timerTokens: [])
        XCTAssertEqual(observed.count, 2)
        for (haproxy, engine) in observed {
            XCTAssertEqual(engine.backend, haproxy.backend)
            XCTAssertTrue(haproxy.backend.first?.contains("x-unique-id: id-get-") ?? false, "\(haproxy.backend)")
        }
    }
}
