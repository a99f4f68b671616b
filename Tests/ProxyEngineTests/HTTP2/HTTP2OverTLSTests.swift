import Foundation
import WeirTestSupport
import XCTest

/// HTTP/2 over TLS, the real haproxy 2.6 and the engine on the same
/// configuration: ALPN `h2` on the bind makes the connection HTTP/2 (curl
/// `--http2`, h2load), `alpn http/1.1` or no `alpn` keeps HTTP/1.1, and the
/// HTTP/2 preface is still taken without ALPN, as HAProxy's h1 mux does. The
/// TLS fetches of each stream read the connection's session.
final class HTTP2OverTLSTests: XCTestCase {
    private var pki: TestPKI { TestPKI.shared }

    override func setUpWithError() throws {
        if let failure = TestPKI.shared.failure { XCTFail("the test PKI could not be made: \(failure)") }
    }

    private func config(alpn: String) -> (Int, String) -> String {
        let certificate = pki.path("a.pem")
        return { port, server in
            """
            defaults
                mode http
                timeout connect 1s
                timeout client 3s
                timeout server 2s
                timeout queue 10s
            frontend f
                bind 127.0.0.1:\(port) ssl crt \(certificate) \(alpn)
                http-request set-header X-ALPN %[ssl_fc_alpn]
                http-request set-header X-Version %[ssl_fc_protocol]
                http-request set-header X-SNI %[ssl_fc_sni]
                default_backend b
            backend b
                server s \(server) maxconn 8

            """
        }
    }

    /// What curl reports of one request: the HTTP version it used and the status.
    private func version(_ port: Int, _ options: [String]) throws -> String {
        let curl = try XCTUnwrap(Programs.path("curl"), "curl is not installed (bash .ci/run installs it)")
        return try ToolOutput.run(curl, ["-sS", "-o", "/dev/null", "-w", "%{http_version} %{http_code}", "--cacert", pki.path("ca.crt"),
                                         "--resolve", "a.test:\(port):127.0.0.1", "https://a.test:\(port)/x"] + options)
    }

    func testALPNChoosesHTTP2OrHTTP1AsHAProxyDoes() async throws {
        let cases: [(alpn: String, options: [String], expected: String)] = [
            ("alpn h2,http/1.1", ["--http2"], "2 200"),
            ("alpn h2,http/1.1", ["--http1.1"], "1.1 200"),
            ("alpn http/1.1", ["--http2"], "1.1 200"),
            ("", ["--http2"], "1.1 200"),
            // No ALPN: the HTTP/2 preface is recognised inside TLS, as on a clear bind.
            ("", ["--http2-prior-knowledge"], "2 200"),
        ]
        for item in cases {
            let pair = try await ProxyPair(config(alpn: item.alpn)) { _ in .ok }
            for port in [pair.haproxyPort, pair.enginePort] {
                let name = "\(port == pair.enginePort ? "engine" : "haproxy") with '\(item.alpn)' and \(item.options)"
                XCTAssertEqual(try version(port, item.options), item.expected, name)
            }
            await pair.shutdown()
        }
    }

    func testAnHTTP2StreamSeesTheConnectionsTLSSession() async throws {
        let pair = try await ProxyPair(config(alpn: "alpn h2,http/1.1")) { _ in .ok }
        for port in [pair.haproxyPort, pair.enginePort] {
            XCTAssertEqual(try version(port, ["--http2"]), "2 200")
        }
        usleep(50_000)
        let sent = (pair.haproxyBackend.takeRequests().map { HTTP2DifferentialTests.unordered($0, port: pair.haproxyPort) },
                    pair.engineBackend.takeRequests().map { HTTP2DifferentialTests.unordered($0, port: pair.enginePort) })
        XCTAssertEqual(sent.1, sent.0, "the server got different requests from haproxy and the engine")
        XCTAssertTrue(sent.1.first?.contains("x-alpn: h2") ?? false, "\(sent.1)")
        XCTAssertTrue(sent.1.first?.contains("x-sni: a.test") ?? false, "\(sent.1)")
        await pair.shutdown()
    }

    /// h2load over TLS (ALPN h2): 4 connections, 10 streams at once each, a bounded request count, against both.
    func testH2LoadOverTLSSucceedsOnBoth() async throws {
        let h2load = try XCTUnwrap(Programs.path("h2load"), "h2load is not installed (bash .ci/run installs nghttp2-client)")
        let pair = try await ProxyPair(config(alpn: "alpn h2,http/1.1")) { _ in .ok }
        for port in [pair.haproxyPort, pair.enginePort] {
            let report = try ToolOutput.run(h2load, ["-n", "400", "-c", "4", "-m", "10", "-T", "20", "https://127.0.0.1:\(port)/load"])
            XCTAssertTrue(report.contains("Application protocol: h2"), report)
            XCTAssertTrue(report.contains("400 total") && report.contains("400 succeeded") && report.contains("400 2xx"), report)
        }
        await pair.shutdown()
    }
}
