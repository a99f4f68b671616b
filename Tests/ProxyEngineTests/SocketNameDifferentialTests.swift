import Foundation
import XCTest

/// `so_name` run by the real haproxy 2.6 and by the engine: the `name` of the bind that accepted the connection,
/// in a header value and in a condition.
final class SocketNameDifferentialTests: XCTestCase {
    static func config(_ port: Int, _ server: String) -> String {
        """
        defaults
            mode http
            timeout connect 1s
            timeout client 3s
            timeout server 2s
        frontend fe
            bind 127.0.0.1:\(port) name foo
            http-request return status 200 hdr so-name %[so_name] if { path /name }
            http-request deny deny_status 403 if { so_name -m str foo } { path /deny }
            default_backend b
        backend b
            http-request set-header x-so-name %[so_name]
            server s \(server)

        """
    }

    func testSocketNameMatchesHAProxy() async throws {
        let pair = try await ProxyPair(Self.config) { _ in .ok }
        var disagreements: [String] = []
        for path in ["/name", "/deny", "/other"] {
            if let disagreement = pair.disagreement("GET \(path) HTTP/1.1\r\nHost: a\r\n\r\n", requireAnswer: true) {
                disagreements.append(disagreement)
            }
        }
        await pair.shutdown()
        XCTAssertEqual(disagreements, [], disagreements.joined(separator: "\n"))
    }
}
