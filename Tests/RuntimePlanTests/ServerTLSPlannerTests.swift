import RuntimePlan
import WeirTestSupport
import XCTest

/// `server … ssl` compiled into the plan, with `default-server` forms and HAProxy's verify default.
final class ServerTLSPlannerTests: XCTestCase {
    private func backend(_ lines: String) -> String {
        """
        defaults
            mode http
            timeout connect 5s
            timeout client 5s
            timeout server 5s
        backend b
        \(lines)

        """
    }

    func testServerOptionsAndDefaultServerForms() throws {
        let ca = TestPKI.shared.path("ca.crt")
        let plan = try XCTUnwrap(compilePlan(backend("""
                default-server ssl verify required ca-file \(ca) check-sni str(health.test)
                server a 127.0.0.1:8443 sni str(a.test) alpn http/1.1 check no-ssl-reuse
                server b 127.0.0.1:8443 verify none verifyhost b.test
                server c 127.0.0.1:8080 no-ssl check-ssl port 8443 verify none
                server d 127.0.0.1:8080 no-ssl verify none
            """)))
        let servers = try XCTUnwrap(plan.backend(named: "b")?.servers)
        XCTAssertEqual(servers[0].tls, ServerTLS(traffic: true, checks: true, verify: true, caFile: ca, serverName: "a.test",
                                                 checkServerName: "health.test", alpn: ["http/1.1"]))
        XCTAssertEqual(servers[1].tls?.verify, false)
        XCTAssertEqual(servers[1].tls?.verifyHost, "b.test")
        XCTAssertEqual(servers[2].tls?.traffic, false)
        XCTAssertEqual(servers[2].tls?.checks, true)
        XCTAssertNil(servers[3].tls)
        XCTAssertFalse(plan.unsupported.contains { $0.feature == "tls" }, "\(plan.unsupported)")
    }

    func testVerifyIsRequiredByDefaultAndNeedsACAFile() {
        let result = planResult(backend("    server a 127.0.0.1:8443 ssl"))
        XCTAssertNil(result.plan)
        XCTAssertEqual(result.diagnostics.map(\.rule.rawValue), ["ssl-ca-file-missing"])
        XCTAssertTrue(result.diagnostics.first?.message.hasPrefix("server 'a': verify is enabled by default but no CA file specified") ?? false)
        XCTAssertNotNil(planResult(backend("    server a 127.0.0.1:8443 ssl verify none")).plan, "the article's form")
    }

    func testWhatTheEngineCannotDoIsAWarning() {
        let result = planResult(backend("    server a 127.0.0.1:8443 ssl verify none sni req.hdr(host) ciphersuites TLS_AES_128_GCM_SHA256"))
        XCTAssertNotNil(result.plan)
        XCTAssertEqual(result.diagnostics.map(\.rule.rawValue), ["tls-not-run", "tls-not-run"])
        XCTAssertEqual(result.plan?.unsupported.map(\.feature).filter { $0.hasPrefix("tls") }, ["tls sni", "tls ciphersuites"])
    }

    func testClientCertificateAndRevocationListOfAServer() throws {
        let pki = TestPKI.shared
        let plan = try XCTUnwrap(compilePlan(backend("""
                server a 127.0.0.1:8443 ssl ca-file \(pki.path("ca.crt")) crl-file \(pki.path("ca.crl")) crt \(pki.path("b.pem"))
            """)))
        let tls = try XCTUnwrap(plan.backend(named: "b")?.servers.first?.tls)
        XCTAssertEqual(tls.clientCertificate?.path, pki.path("b.pem"))
        XCTAssertEqual(tls.crlFile, pki.path("ca.crl"))
        let refused = planResult(backend("    server a 127.0.0.1:8443 ssl verify none crt \(pki.path("nokey.pem"))"))
        XCTAssertNil(refused.plan)
        XCTAssertEqual(refused.diagnostics.map(\.message), ["No Private Key found in '\(pki.path("nokey.pem")).key'."])
    }
}
