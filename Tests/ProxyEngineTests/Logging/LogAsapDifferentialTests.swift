import Foundation
import WeirTestSupport
import XCTest

/// `option logasap` through the real haproxy 2.6 and the engine, into local
/// syslog receivers: the line goes out once the response head is forwarded
/// (`mode http`) or the server connection is made (`mode tcp`), with `+`
/// before `%B` and the total time, and only once per transaction. The
/// `/partial` response stalls in its body until `timeout server`: its line
/// must still carry `----` and the 200, as it was sent before the end.
final class LogAsapDifferentialTests: XCTestCase {
    func testHTTPLogAsapLinesAgreeWithHAProxy() async throws {
        try await HTTPLogDifferentialTests.compare(format: "option httplog\n    option logasap",
                                                   paths: ["/", "/partial", "/dead", "/local"], timerTokens: [4])
    }

    /// `%Ta`, `%Tt` and `%Tu` take the `+`; `%B` too, counting the head and the body bytes received with it.
    func testCustomFormatMarksGrowingValuesAsHAProxy() async throws {
        try await HTTPLogDifferentialTests.compare(format: "option logasap\n    log-format \"%ST %B %U %Ta %Tt %Tu %Tr %ts %{+Q}r\"",
                                                   paths: ["/", "/cookie", "/partial"], timerTokens: [3, 4, 5, 6])
    }

    func testTCPLogAsapLineAgreesWithHAProxy() async throws {
        try await TCPLogDifferentialTests.compare(options: "option logasap")
    }
}
