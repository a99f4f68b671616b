import Foundation
import XCTest
#if canImport(Glibc)
import Glibc
#endif

/// `http-request set-timeout server|tunnel` and the `be_server_timeout`, `be_tunnel_timeout`,
/// `cur_server_timeout`, `cur_tunnel_timeout` fetches run by the real haproxy 2.6 and by the engine on the same
/// configuration: a duration, an expression (a header's milliseconds, `int(1),mul(2000)`), one that fails and
/// changes nothing; a slow server answering within the backend's timeout but past the rule's gives the same 504;
/// the fetches read the same values before and after the rules and in the response.
final class SetTimeoutDifferentialTests: XCTestCase {
    static func config(_ port: Int, _ server: String) -> String {
        """
        defaults
            mode http
            timeout connect 1s
            timeout client 5s
            timeout server 3s
        frontend f
            bind 127.0.0.1:\(port)
            use_backend quick if { path_beg /quick }
            default_backend b
        backend b
            timeout tunnel 9s
            http-request set-header x-be %[be_server_timeout]
            http-request set-header x-cur-before %[cur_server_timeout]
            http-request set-timeout server 400ms if { path_beg /short }
            http-request set-timeout server req.hdr(x-ms) if { req.hdr(x-ms) -m found }
            http-request set-timeout server int(1),mul(2000) if { path_beg /computed }
            http-request set-timeout tunnel 7s
            http-request set-header x-cur-after %[cur_server_timeout]
            http-request set-header x-tunnel %[cur_tunnel_timeout]
            http-request set-header x-be-tunnel %[be_tunnel_timeout]
            http-response set-header x-res-cur %[cur_server_timeout]
            http-response set-header x-res-tunnel %[cur_tunnel_timeout]
            server s \(server)
        backend quick
            timeout server 300ms
            http-response set-header x-res-cur %[cur_server_timeout]
            server s \(server)

        """
    }

    static let requests = [
        "GET /fast HTTP/1.1\r\nHost: a\r\n\r\n",
        "GET /slow HTTP/1.1\r\nHost: a\r\n\r\n",
        "GET /short/slow HTTP/1.1\r\nHost: a\r\n\r\n",
        "GET /short/fast HTTP/1.1\r\nHost: a\r\n\r\n",
        "GET /quick/slow HTTP/1.1\r\nHost: a\r\n\r\n",
        "GET /quick/fast HTTP/1.1\r\nHost: a\r\n\r\n",
        "GET /slow HTTP/1.1\r\nHost: a\r\nX-Ms: 200\r\n\r\n",
        "GET /slow HTTP/1.1\r\nHost: a\r\nX-Ms: soon\r\n\r\n",
        "GET /computed/slow HTTP/1.1\r\nHost: a\r\n\r\n",
    ]

    func testSetTimeoutAndTimeoutFetchesMatchHAProxy() async throws {
        // A path ending in `/slow` is answered after a second.
        let pair = try await ProxyPair(Self.config) { path in
            if path.hasSuffix("/slow") { usleep(1_000_000) }
            return .ok
        }
        var disagreements: [String] = []
        for request in Self.requests {
            let (haproxy, engine) = pair.exchange(Array(request.utf8), settle: 1.6)
            let left = HTTPRuleLanguageDifferentialTests.normalised(haproxy.raw)
            let right = HTTPRuleLanguageDifferentialTests.normalised(engine.raw)
            if haproxy != engine || left != right || haproxy.raw.isEmpty {
                disagreements.append("\(request.debugDescription):\n  haproxy \(haproxy)\n  engine  \(engine)\n"
                    + "  haproxy raw \(left.debugDescription)\n  engine raw  \(right.debugDescription)")
            }
        }
        await pair.shutdown()
        XCTAssertEqual(disagreements, [], disagreements.joined(separator: "\n"))
    }

    /// In a log line the timeouts are read at the end: the backend's once its server connection was made, 0 for a
    /// request answered by the proxy or whose server refused the connection.
    func testTimeoutFetchesInLogLinesMatchHAProxy() async throws {
        let format = #"log-format "timeout: %[be_server_timeout] %[cur_server_timeout] %[be_tunnel_timeout] %[cur_tunnel_timeout]""#
        try await HTTPLogDifferentialTests.compare(format: format, paths: ["/", "/dead", "/local", "/deny"], timerTokens: [])
    }
}
