import Foundation
import WeirTestSupport
import XCTest
#if canImport(Glibc)
import Glibc
#endif

/// `http-reuse always` on the real haproxy 2.6 and on the engine (one thread each, so both have one idle pool):
/// the first request of a new client takes an idle server connection another client's request left, whether
/// that client is still connected or gone; the server accepts as many connections on both sides.
final class HTTPReuseDifferentialTests: XCTestCase {
    static func config(_ port: Int, _ server: String) -> String {
        """
        global
            nbthread 1
        defaults
            mode http
            timeout connect 1s
            timeout client 5s
            timeout server 5s
        listen sender
            bind 127.0.0.1:\(port)
            http-reuse always
            server srv \(server)

        """
    }

    func testFirstRequestsOfNewClientsTakeIdleServerConnections() async throws {
        let pair = try await ProxyPair(Self.config, engineThreads: 1) { _ in .ok }
        var counts: [[Int]] = [[], []]
        for (side, port) in [pair.haproxyPort, pair.enginePort].enumerated() {
            let backend = side == 0 ? pair.haproxyBackend : pair.engineBackend
            let start = backend.acceptedConnections
            // A client that stays connected after its request, then two new clients, one after the other.
            guard let first = Loopback.connect(port: port) else { return XCTFail("no connection to port \(port)") }
            defer { close(first) }
            Loopback.send(first, "GET /a HTTP/1.1\r\nHost: x\r\n\r\n")
            _ = Loopback.readUntil(first, "ok", seconds: 2)
            counts[side].append(backend.acceptedConnections - start)
            for path in ["/b", "/c"] {
                _ = Loopback.exchange(port: port, "GET \(path) HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", seconds: 2)
                usleep(100_000)
                counts[side].append(backend.acceptedConnections - start)
            }
        }
        await pair.shutdown()
        XCTAssertEqual(counts[0], [1, 1, 1], "haproxy reuses its one server connection")
        XCTAssertEqual(counts[1], counts[0], "server connections accepted after each client: engine differs from haproxy")
    }
}
