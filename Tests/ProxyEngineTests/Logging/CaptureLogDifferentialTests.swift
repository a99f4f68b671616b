import Foundation
import WeirTestSupport
import XCTest

/// Captures through the real haproxy 2.6 and the engine, into local syslog
/// receivers: `declare capture`, `http-request capture … len|id`,
/// `http-response capture … id`, `capture cookie`, the `capture.req.hdr(N)`
/// and `capture.res.hdr(N)` fetches and `%{+Q}[…]` flags must give the same lines.
final class CaptureLogDifferentialTests: XCTestCase {
    /// Request slots: 0 Host (the shared configuration), 1 declared, 2 the user agent;
    /// response slots: 0 Content-Type (shared), 1 declared, filled from X-Backend.
    static let frontend = """
        capture cookie SESSION len 20
            declare capture request len 12
            http-request capture req.hdr(user-agent) len 10
            http-request capture path id 1
            declare capture response len 8
            http-response capture res.hdr(x-backend) id 1
            http-after-response capture res.hdr(content-length) id 1 if { status 403 }
        """
    static let headers = "User-Agent: a\"b]c\\d-more\r\nCookie: lang=en; SESSIONID = abc123def456ghi789jkl; SESSION2=x\r\n"

    func testHTTPLogWithCapturesAgreesWithHAProxy() async throws {
        try await HTTPLogDifferentialTests.compare(format: "option httplog", frontend: Self.frontend, headers: Self.headers,
                                                   paths: ["/cookie", "/a/very/long/path/here", "/deny", "/dead"], timerTokens: [4])
    }

    func testCaptureVariablesAndFetchesAgreeWithHAProxy() async throws {
        let format = #"log-format "%ST %hrl %hsl %CC %CS [%[capture.req.hdr(1)]] %{+Q}[capture.req.hdr(2)] %{+Q,+E}[capture.req.hdr(2)] %{+Q}[capture.res.hdr(1)] %[capture.req.hdr(7)] %{+Q}[capture.res.hdr(7)] %{+Q}hr""#
        try await HTTPLogDifferentialTests.compare(format: format, frontend: Self.frontend, headers: Self.headers,
                                                   paths: ["/cookie", "/", "/deny"], timerTokens: [])
    }

    /// `%{+Q}o` quotes every later string, samples included, until `%{-Q}` takes it back.
    func testDefaultFlagsApplyToSamplesAsInHAProxy() async throws {
        let format = #"log-format "%{+Q}o %b %[capture.req.hdr(1)] %{-Q}[capture.req.hdr(2)] %CC""#
        try await HTTPLogDifferentialTests.compare(format: format, frontend: Self.frontend, headers: Self.headers,
                                                   paths: ["/cookie"], timerTokens: [])
    }

    /// Without a `Cookie` or `Set-Cookie` that matches, `%CC` and `%CS` print `-`; without captured headers, `{}` slots are empty.
    func testMissingCapturesAgreeWithHAProxy() async throws {
        try await HTTPLogDifferentialTests.compare(format: "option httplog", frontend: Self.frontend, paths: ["/", "/local"],
                                                   timerTokens: [4])
    }
}
