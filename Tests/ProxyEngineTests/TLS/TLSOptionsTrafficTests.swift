import Foundation
import WeirTestSupport
import XCTest

/// The TLS options beyond the basics, the real haproxy 2.6 and the engine on
/// the same configuration with real clients (curl, openssl s_client and
/// s_server): `crl-file` on binds and toward servers, the options of
/// crt-list lines per SNI name, the client certificate presented to servers
/// (`crt` on a server line), and session resumption in TLS 1.2 and 1.3.
final class TLSOptionsTrafficTests: XCTestCase {
    private var pki: TestPKI { TestPKI.shared }

    override func setUpWithError() throws {
        if let failure = TestPKI.shared.failure { XCTFail("the test PKI could not be made: \(failure)") }
        for tool in ["openssl", "curl", "haproxy"] where Programs.path(tool) == nil { XCTFail("\(tool) is not installed") }
    }

    private func frontend(_ bind: String, backend: String = "server s SERVER") -> (Int, String) -> String {
        { port, server in
            """
            defaults
                mode http
                timeout connect 1s
                timeout client 3s
                timeout server 2s
            frontend f
                bind 127.0.0.1:\(port) \(bind)
                default_backend b
            backend b
                \(backend.replacingOccurrences(of: "SERVER", with: server))

            """
        }
    }

    /// curl's HTTP version and status for one request to `name` (resolved to the proxy), with `options`.
    private func request(_ port: Int, _ name: String = "a.test", _ options: [String] = []) throws -> String {
        let curl = try XCTUnwrap(Programs.path("curl"))
        return try ToolRun.run(curl, ["-s", "-o", "/dev/null", "-w", "%{http_version} %{http_code}", "--cacert", pki.path("ca.crt"),
                                      "--resolve", "\(name):\(port):127.0.0.1", "https://\(name):\(port)/"] + options).output
    }

    private func clientCertificate(_ name: String) -> [String] {
        ["--cert", pki.path("\(name).crt"), "--key", pki.path("\(name).key")]
    }

    func testRevokedClientCertificatesAreRefusedAsByHAProxy() async throws {
        let bind = "ssl crt \(pki.path("a.pem")) ca-file \(pki.path("ca.crt")) verify required crl-file \(pki.path("ca.crl"))"
        let pair = try await ProxyPair(frontend(bind)) { _ in .ok }
        for port in [pair.haproxyPort, pair.enginePort] {
            let name = port == pair.enginePort ? "engine" : "haproxy"
            XCTAssertEqual(try request(port, "a.test", clientCertificate("client")), "1.1 200", "\(name): a valid certificate")
            XCTAssertEqual(try request(port, "a.test", clientCertificate("revoked")), "0 000", "\(name): a revoked certificate")
            XCTAssertEqual(try request(port, "a.test", ["--tls-max", "1.2"] + clientCertificate("revoked")), "0 000",
                           "\(name): a revoked certificate over TLS 1.2")
        }
        await pair.shutdown()
    }

    func testCrtListLineOptionsApplyToTheirNames() async throws {
        let list = pki.path("list-\(UUID().uuidString).txt")
        try """
            \(pki.path("a.pem")) a.test *.a.test
            \(pki.path("b.pem")) [alpn http/1.1 ssl-min-ver TLSv1.3 verify required ca-file \(pki.path("ca.crt"))] b.test

            """.write(toFile: list, atomically: true, encoding: .utf8)
        let pair = try await ProxyPair(frontend("ssl crt-list \(list) alpn h2,http/1.1")) { _ in .ok }
        let openssl = try XCTUnwrap(Programs.path("openssl"))
        for port in [pair.haproxyPort, pair.enginePort] {
            let name = port == pair.enginePort ? "engine" : "haproxy"
            XCTAssertEqual(try request(port, "a.test", ["--http2"]), "2 200", "\(name): a.test takes the bind's alpn")
            XCTAssertEqual(try request(port, "b.test", ["--http2"] + clientCertificate("client")), "1.1 200",
                           "\(name): b.test's line offers http/1.1 only")
            XCTAssertEqual(try request(port, "b.test", ["--http2"]), "0 000", "\(name): b.test's line requires a client certificate")
            XCTAssertEqual(try request(port, "a.test", ["--tls-max", "1.2"]), "2 200", "\(name): a.test takes TLS 1.2 (and h2)")
            let old = try ToolRun.run(openssl, ["s_client", "-brief", "-connect", "127.0.0.1:\(port)", "-servername", "b.test", "-tls1_2"])
            XCTAssertFalse(old.output.contains("CONNECTION ESTABLISHED"), "\(name): b.test's line wants TLS 1.3: \(old.output)")
        }
        await pair.shutdown()
    }

    /// openssl s_server as a TLS server (its `-www` answer is HTTP/1.0, which both proxies pass on as such) that asks for a client certificate (and, with `-Verify`, requires one).
    private func tlsServer(certificate: String, requireClient: Bool) throws -> (BackgroundProcess, Int) {
        let openssl = try XCTUnwrap(Programs.path("openssl"))
        let port = Loopback.freePort()
        let server = try BackgroundProcess(openssl, ["s_server", "-quiet", "-www", "-accept", "127.0.0.1:\(port)",
                                                     "-cert", pki.path("\(certificate).crt"), "-key", pki.path("\(certificate).key"),
                                                     "-CAfile", pki.path("ca.crt")] + (requireClient ? ["-Verify", "1"] : []))
        XCTAssertTrue(Loopback.waitForListener(port: port), server.output)
        return (server, port)
    }

    /// Both proxies' status for a request to the frontend whose backend reaches `serverPort` with `serverOptions`.
    private func statusesThroughProxies(serverPort: Int, serverOptions: String) async throws -> [String] {
        let backend = "server s 127.0.0.1:\(serverPort) \(serverOptions)"
        let pair = try await ProxyPair(frontend("ssl crt \(pki.path("a.pem"))", backend: backend)) { _ in .ok }
        var statuses: [String] = []
        for port in [pair.haproxyPort, pair.enginePort] { statuses.append(try request(port)) }
        await pair.shutdown()
        return statuses
    }

    func testServersGetTheClientCertificateOfTheServerLine() async throws {
        let client = pki.path("client-\(UUID().uuidString).pem")
        let bundle = try String(contentsOfFile: pki.path("client.crt"), encoding: .utf8)
            + String(contentsOfFile: pki.path("client.key"), encoding: .utf8)
        try bundle.write(toFile: client, atomically: true, encoding: .utf8)
        let (server, port) = try tlsServer(certificate: "c", requireClient: true)
        defer { server.process.terminate() }
        let verified = "ssl verify required ca-file \(pki.path("ca.crt")) sni str(c.test)"
        let presenting = try await statusesThroughProxies(serverPort: port, serverOptions: verified + " crt \(client)")
        XCTAssertEqual(presenting, ["1 200", "1 200"], "haproxy, then the engine, presenting client1: \(server.output)")
        // TLS 1.2 refuses a missing client certificate inside the handshake; with TLS 1.3 the refusal comes after the
        // client's Finished, racing the request (haproxy answers 502 or 503 depending on which arrives first).
        let anonymous = try await statusesThroughProxies(serverPort: port, serverOptions: verified + " ssl-max-ver TLSv1.2")
        XCTAssertEqual(anonymous[1], anonymous[0], "haproxy, then the engine, without a client certificate")
        XCTAssertNotEqual(anonymous[0], "1.1 200")
    }

    func testServerCertificatesAreCheckedAgainstTheServerLinesCRL() async throws {
        let crl = "ssl verify required ca-file \(pki.path("ca.crt")) crl-file \(pki.path("ca.crl"))"
        let (valid, validPort) = try tlsServer(certificate: "c", requireClient: false)
        defer { valid.process.terminate() }
        let valid200 = try await statusesThroughProxies(serverPort: validPort, serverOptions: crl + " sni str(c.test)")
        XCTAssertEqual(valid200, ["1 200", "1 200"], "haproxy, then the engine: c.test is not revoked")
        let (revoked, revokedPort) = try tlsServer(certificate: "b", requireClient: false)
        defer { revoked.process.terminate() }
        let refused = try await statusesThroughProxies(serverPort: revokedPort, serverOptions: crl + " sni str(b.test)")
        XCTAssertEqual(refused, ["1.1 503", "1.1 503"], "haproxy, then the engine: b.test is revoked")
    }

    /// A full handshake saves the session (`-sess_out`), the next one offers it (`-sess_in`): both proxies resume it,
    /// with a ticket in TLS 1.3 and 1.2, and from the session cache in TLS 1.2 without tickets.
    func testSessionsAreResumedLikeHAProxy() async throws {
        let openssl = try XCTUnwrap(Programs.path("openssl"))
        let pair = try await ProxyPair(frontend("ssl crt \(pki.path("a.pem"))")) { _ in .ok }
        let cases: [(name: String, options: [String])] = [
            ("TLSv1.3", ["-tls1_3"]), ("TLSv1.2", ["-tls1_2"]), ("TLSv1.2", ["-tls1_2", "-no_ticket"]),
        ]
        for item in cases {
            for port in [pair.haproxyPort, pair.enginePort] {
                let name = "\(port == pair.enginePort ? "engine" : "haproxy") \(item.options)"
                let session = pki.path("session-\(UUID().uuidString).pem")
                // A request and its answer: the TLS 1.3 ticket comes after the handshake, before the answer.
                let request = "GET / HTTP/1.1\r\nHost: a.test\r\nConnection: close\r\n\r\n"
                let common = ["s_client", "-connect", "127.0.0.1:\(port)", "-servername", "a.test", "-CAfile", pki.path("ca.crt"),
                              "-ign_eof"] + item.options
                let first = try ToolRun.run(openssl, common + ["-sess_out", session], input: request)
                XCTAssertTrue(first.output.contains("New, \(item.name)"), "\(name): \(first.output)")
                let second = try ToolRun.run(openssl, common + ["-sess_in", session], input: request)
                XCTAssertTrue(second.output.contains("Reused, \(item.name)"), "\(name): \(second.output)")
            }
        }
        await pair.shutdown()
    }
}
