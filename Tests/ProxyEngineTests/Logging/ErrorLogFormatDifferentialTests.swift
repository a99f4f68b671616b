import Foundation
import WeirTestSupport
import XCTest

/// `error-log-format`: a request line haproxy cannot parse (400) is logged with it, a valid request with the traffic format.
final class ErrorLogFormatDifferentialTests: XCTestCase {
    func testBadRequestsUseTheErrorFormatAsInHAProxy() async throws {
        try await HTTPLogDifferentialTests.compare(
            format: "option httplog\n    error-log-format \"%ft ERR fixed here %ST %tsc %{+Q}r %b/%s\"",
            paths: ["/", "/a b"], timerTokens: [4])
    }
}
