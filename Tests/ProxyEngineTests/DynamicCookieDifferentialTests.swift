@testable import ProxyEngine
import WeirTestSupport
import XCTest

/// `cookie NAME insert dynamic` with `dynamic-cookie-key` in the real haproxy 2.6 and in the engine: the same
/// cookie value for each server (a hash of the key, the server's address and port), a server's own `cookie`
/// kept, and requests carrying a cookie going back to its server.
final class DynamicCookieDifferentialTests: XCTestCase {
    static func config(_ port: Int, _ servers: [Int], socket: String?) -> String {
        """
        global
            nbthread 1
        \(socket.map { "    stats socket \($0) level admin" } ?? "")
        defaults
            mode http
            timeout connect 1s
            timeout client 5s
            timeout server 5s
        frontend fe
            bind 127.0.0.1:\(port)
            default_backend app
        backend app
            balance roundrobin
            dynamic-cookie-key s3cr3t
            cookie SRV insert indirect nocache dynamic
            server s1 127.0.0.1:\(servers[0])
            server s2 127.0.0.1:\(servers[1])
            server s3 127.0.0.1:\(servers[2]) cookie own

        """
    }

    func testServersGetHAProxysDynamicCookies() async throws {
        let pair = try await TablePair(servers: ["s1", "s2", "s3"], Self.config)
        var expected: [String] = [], actual: [String] = []
        for _ in 0..<3 {
            expected.append(TablePair.observed(pair.haproxyPort, path: "/", cookie: nil))
            actual.append(TablePair.observed(pair.enginePort, path: "/", cookie: nil))
        }
        XCTAssertEqual(actual.sorted(), expected.sorted())
        let cookies = expected.compactMap { line in line.range(of: "SRV=").map { String(line[$0.upperBound...].prefix { $0 != ";" }) } }
        XCTAssertEqual(cookies.count, 3, "a cookie from each server: \(expected)")
        XCTAssertTrue(cookies.contains("own"), "s3 keeps its own cookie: \(cookies)")
        XCTAssertEqual(cookies.filter { $0.count == 16 && $0.allSatisfy(\.isHexDigit) }.count, 2, "dynamic ones are 16 hex digits: \(cookies)")
        for cookie in cookies {
            let real = TablePair.observed(pair.haproxyPort, path: "/", cookie: "SRV=\(cookie)")
            XCTAssertEqual(TablePair.observed(pair.enginePort, path: "/", cookie: "SRV=\(cookie)"), real)
        }
        await pair.shutdown()
    }
}
