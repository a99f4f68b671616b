import Foundation
import XCTest

/// `option http-restrict-req-hdr-names preserve|delete|reject` run by the real haproxy 2.6 and by the engine on
/// the same configuration: in a backend, inherited from `defaults` and overridden; applied after the section's
/// `http-request` rules (a header a rule adds is filtered too); `reject` denies with HAProxy's 403 page.
final class RestrictHeaderNamesDifferentialTests: XCTestCase {
    static func config(_ port: Int, _ server: String) -> String {
        """
        defaults
            mode http
            timeout connect 1s
            timeout client 3s
            timeout server 2s
        frontend f
            bind 127.0.0.1:\(port)
            http-request set-header x_front 1 if { path /delete }
            use_backend be-preserve if { path /preserve }
            use_backend be-delete if { path /delete }
            use_backend be-reject if { path /reject }
            use_backend be-inherited if { path /inherited }
            use_backend be-overridden if { path /overridden }
            default_backend be-front
        backend be-preserve
            option http-restrict-req-hdr-names preserve
            server s \(server)
        backend be-delete
            option http-restrict-req-hdr-names delete
            http-request set-header x.rule 1
            server s \(server)
        backend be-reject
            option http-restrict-req-hdr-names reject
            server s \(server)
        backend be-front
            server s \(server)
        defaults
            mode http
            timeout connect 1s
            timeout client 3s
            timeout server 2s
            option http-restrict-req-hdr-names delete
        backend be-inherited
            server s \(server)
        backend be-overridden
            option http-restrict-req-hdr-names reject
            server s \(server)

        """
    }

    static let headerSets = [
        "X-Plain: 1\r\n",
        "X_Under: 1\r\nX-Plain: 2\r\nx.dot: 3\r\n",
        "a_b_c: 1\r\nx-next: 2\r\nx-third: 3\r\nx.four: 4\r\n",
        "Name@Odd: 1\r\n",
    ]

    func testHeaderNameFilteringMatchesHAProxy() async throws {
        let pair = try await ProxyPair(Self.config) { _ in .ok }
        var disagreements: [String] = []
        for path in ["/preserve", "/delete", "/reject", "/inherited", "/overridden", "/other"] {
            for headers in Self.headerSets {
                let request = "GET \(path) HTTP/1.1\r\nHost: a\r\n\(headers)\r\nGET \(path) HTTP/1.1\r\nHost: a\r\n\r\n"
                if let disagreement = pair.disagreement(request, requireAnswer: true) { disagreements.append(disagreement) }
            }
        }
        await pair.shutdown()
        XCTAssertEqual(disagreements, [], disagreements.joined(separator: "\n"))
    }
}
