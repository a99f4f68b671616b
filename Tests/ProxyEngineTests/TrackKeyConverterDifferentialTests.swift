import Foundation
import XCTest

/// A `track-sc` key written with converters (`src,ipmask(24)`, `req.hdr(x-user),lower`),
/// run by the real haproxy 2.6 and by the engine: the counters each key collects, read
/// back in the answer, must be the same.
final class TrackKeyConverterDifferentialTests: XCTestCase {
    static func config(_ port: Int, _ server: String) -> String {
        """
        defaults
            mode http
            timeout connect 1s
            timeout client 3s
            timeout server 2s
        backend networks
            stick-table type ip size 10 expire 1m store http_req_cnt
        backend users
            stick-table type string len 16 size 10 expire 1m store http_req_cnt
        frontend f
            bind 127.0.0.1:\(port)
            http-request track-sc0 src,ipmask(24) table networks
            http-request track-sc1 req.hdr(x-user),lower table users if { req.hdr(x-user) -m found }
            http-request return status 200 hdr x-net "%[sc_http_req_cnt(0)]" hdr x-user "%[sc_http_req_cnt(1)]"

        """
    }

    func testTrackKeysWithConvertersMatchHAProxy() async throws {
        let pair = try await ProxyPair(Self.config) { _ in .ok }
        var disagreements: [String] = []
        for user in ["Alice", "ALICE", "bob", "alice"] {
            let request = "GET / HTTP/1.1\r\nHost: a\r\nX-User: \(user)\r\n\r\nGET / HTTP/1.1\r\nHost: a\r\n\r\n"
            if let disagreement = pair.disagreement(request) { disagreements.append(disagreement) }
        }
        await pair.shutdown()
        XCTAssertEqual(disagreements, [], disagreements.joined(separator: "\n"))
    }
}
