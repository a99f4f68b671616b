import Foundation
import WeirTestSupport
import XCTest
#if canImport(Glibc)
import Glibc
#endif

/// `fe_conn`, `be_conn` and `srv_conn` run by the real haproxy 2.6 and by the engine on the same configuration,
/// read into request headers the server sees: alone, beside an idle keep-alive client, and beside a request
/// still waiting for the server's answer; with and without a proxy or server name; an unknown name fails.
final class ConnectionCountFetchDifferentialTests: XCTestCase {
    static func config(_ port: Int, _ server: String) -> String {
        """
        defaults
            mode http
            timeout connect 1s
            timeout client 5s
            timeout server 5s
        frontend f
            bind 127.0.0.1:\(port)
            http-request set-header x-fe %[fe_conn]
            http-request set-header x-fe-named %[fe_conn(f)]
            use_backend other if { path /other }
            default_backend b
        backend b
            http-request set-header x-be %[be_conn]
            http-request set-header x-be-other %[be_conn(other)]
            http-request set-header x-srv %[srv_conn(b/s)]
            http-request set-header x-srv-short %[srv_conn(s)]
            http-request set-header x-srv-other %[srv_conn(other/t)]
            server s \(server)
        backend other
            http-request set-header x-be %[be_conn]
            server t \(server)

        """
    }

    func testConnectionCountsMatchHAProxy() async throws {
        // `/slow` is answered after a while, so a request to it stays in flight.
        let pair = try await ProxyPair(Self.config) { path in
            if path == "/slow" { usleep(1_500_000) }
            return .ok
        }
        var disagreements: [String] = []
        let plain = "GET /x HTTP/1.1\r\nHost: a\r\n\r\nGET /y HTTP/1.1\r\nHost: a\r\n\r\n"
        if let disagreement = pair.disagreement(plain, requireAnswer: true) { disagreements.append("alone: " + disagreement) }

        // An idle keep-alive client on each side: one more frontend connection, no backend request.
        let idle = [pair.haproxyPort, pair.enginePort].compactMap { Loopback.connect(port: $0) }
        defer { idle.forEach { close($0) } }
        for fd in idle {
            Loopback.send(fd, "GET /x HTTP/1.1\r\nHost: a\r\n\r\n")
            _ = Loopback.readUntil(fd, "ok", seconds: 2)
        }
        _ = pair.haproxyBackend.takeRequests()
        _ = pair.engineBackend.takeRequests()
        if let disagreement = pair.disagreement(plain, requireAnswer: true) { disagreements.append("beside idle: " + disagreement) }

        // A request in flight to each backend server: counted by be_conn and srv_conn.
        let slow = [pair.haproxyPort, pair.enginePort].compactMap { Loopback.connect(port: $0) }
        defer { slow.forEach { close($0) } }
        for fd in slow { Loopback.send(fd, "GET /slow HTTP/1.1\r\nHost: a\r\n\r\n") }
        usleep(300_000)
        let busy = "GET /x HTTP/1.1\r\nHost: a\r\n\r\nGET /other HTTP/1.1\r\nHost: a\r\n\r\n"
        let (haproxy, engine) = pair.exchange(Array(busy.utf8))
        // The slow requests reach the servers too: compare only the two that were sent here.
        let asked = { (requests: [String]) in requests.filter { !$0.hasPrefix("GET /slow") } }
        if asked(haproxy.backend) != asked(engine.backend) || haproxy.statuses != engine.statuses {
            disagreements.append("beside a request in flight:\n  haproxy \(asked(haproxy.backend))\n  engine  \(asked(engine.backend))")
        }
        XCTAssertEqual(asked(haproxy.backend).count, 2, "both requests reached haproxy's server")
        await pair.shutdown()
        XCTAssertEqual(disagreements, [], disagreements.joined(separator: "\n"))
    }
}
