import Foundation
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

    /// `ca-base` and `crt-base` apply to server lines as to binds (HAProxy's reg-test ssl_default_server relies on it),
    /// and a CRL an RSA CA signed (its algorithm has NULL parameters) is read: both beside `haproxy -c`.
    func testFileBasesApplyToServersAndRSACRLsAreRead() throws {
        let pki = TestPKI.shared
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("weir-rsa-crl-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory + "/db", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let config = """
            [ca]
            default_ca = ca
            [ca]
            database = \(directory)/db/index.txt
            crlnumber = \(directory)/db/crlnumber
            default_md = sha256
            default_crl_days = 30
            """
        _ = FileManager.default.createFile(atPath: directory + "/db/index.txt", contents: Data())
        _ = FileManager.default.createFile(atPath: directory + "/db/crlnumber", contents: Data("01\n".utf8))
        _ = FileManager.default.createFile(atPath: directory + "/ca.cnf", contents: Data(config.utf8))
        let openssl = try XCTUnwrap(Programs.path("openssl"), "openssl is not installed")
        for arguments in [["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "30", "-subj", "/CN=Weir RSA CA",
                           "-keyout", "rsa-ca.key", "-out", "rsa-ca.crt"],
                          ["ca", "-batch", "-config", "ca.cnf", "-gencrl", "-keyfile", "rsa-ca.key", "-cert", "rsa-ca.crt",
                           "-out", "rsa-ca.crl"]] {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: openssl)
            process.arguments = arguments
            process.currentDirectoryURL = URL(fileURLWithPath: directory)
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            process.waitUntilExit()
            XCTAssertEqual(process.terminationStatus, 0, "openssl \(arguments.joined(separator: " "))")
        }
        let text = """
            global
                ca-base \(directory)
                crt-base \((pki.path("b.pem") as NSString).deletingLastPathComponent)
            defaults
                mode http
                timeout connect 5s
                timeout client 5s
                timeout server 5s
            backend b
                server a 127.0.0.1:8443 ssl verify required ca-file rsa-ca.crt crl-file rsa-ca.crl crt b.pem

            """
        XCTAssertEqual(try HAProxyCheck.verdict(text), true)
        let result = planResult(text)
        let tls = try XCTUnwrap(result.plan?.backend(named: "b")?.servers.first?.tls, "\(result.diagnostics.map(\.message))")
        XCTAssertEqual(tls.caFile, directory + "/rsa-ca.crt")
        XCTAssertEqual(tls.crlFile, directory + "/rsa-ca.crl")
        XCTAssertEqual(tls.clientCertificate?.path, pki.path("b.pem"))
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
