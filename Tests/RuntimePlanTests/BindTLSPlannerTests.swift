import Foundation
import RuntimePlan
import WeirTestSupport
import XCTest

/// `bind … ssl` compiled into the plan: HAProxy 2.6's defaults, the global
/// defaults, SNI names from the certificates made by the real openssl, and
/// bad TLS material reported as diagnostics with HAProxy's words.
final class BindTLSPlannerTests: XCTestCase {
    private var pki: TestPKI { TestPKI.shared }

    override func setUpWithError() throws {
        if let failure = TestPKI.shared.failure { XCTFail("the test PKI could not be made: \(failure)") }
    }

    private func config(bind: String, global: String = "") -> String {
        """
        global
        \(global)
        defaults
            mode http
            timeout connect 5s
            timeout client 5s
            timeout server 5s
        frontend f
            bind 127.0.0.1:18443 \(bind)
            default_backend b
        backend b
            server s 127.0.0.1:18080

        """
    }

    private func tls(_ bind: String, global: String = "") throws -> BindTLS {
        let plan = try XCTUnwrap(compilePlan(config(bind: bind, global: global)))
        return try XCTUnwrap(plan.frontends.first?.binds.first?.tls)
    }

    func testDefaultsAreHAProxy26s() throws {
        let settings = try tls("ssl crt \(pki.path("a.pem"))")
        XCTAssertEqual(settings.minimumVersion, .tls12)
        XCTAssertNil(settings.maximumVersion)
        XCTAssertEqual(settings.alpn, [], "no ALPN unless the bind has `alpn`")
        XCTAssertEqual(settings.clientVerify, .none)
        XCTAssertEqual(settings.certificates.map(\.path), [pki.path("a.pem")])
        XCTAssertEqual(settings.certificates.first?.serverNames, ["a.test", "*.a.test"])
    }

    func testGlobalDefaultsApplyAndTheBindOverridesThem() throws {
        let global = """
                ssl-default-bind-options ssl-min-ver TLSv1.3
                ssl-default-bind-ciphers ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384
            """
        let inherited = try tls("ssl crt \(pki.path("a.pem"))", global: global)
        XCTAssertEqual(inherited.minimumVersion, .tls13)
        XCTAssertEqual(inherited.ciphers, ["ECDHE-ECDSA-AES256-GCM-SHA384", "ECDHE-RSA-AES256-GCM-SHA384"])
        let overridden = try tls("ssl crt \(pki.path("a.pem")) ssl-min-ver TLSv1.2 ciphers ECDHE-RSA-AES128-GCM-SHA256 "
                                 + "alpn h2,http/1.1 curves X25519:P-256", global: global)
        XCTAssertEqual(overridden.minimumVersion, .tls12)
        XCTAssertEqual(overridden.ciphers, ["ECDHE-RSA-AES128-GCM-SHA256"])
        XCTAssertEqual(overridden.alpn, ["h2", "http/1.1"])
        XCTAssertEqual(overridden.curves, ["X25519", "P-256"])
    }

    func testADirectoryLoadsItsCertificatesInNameOrder() throws {
        let directory = pki.path("dir-\(UUID().uuidString)")
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: pki.path("b.pem"), toPath: directory + "/1-b.pem")
        try FileManager.default.copyItem(atPath: pki.path("a.pem"), toPath: directory + "/2-a.pem")
        try Data().write(to: URL(fileURLWithPath: directory + "/2-a.pem.ocsp"))
        let settings = try tls("ssl crt \(directory) strict-sni")
        XCTAssertEqual(settings.certificates.map { ($0.path as NSString).lastPathComponent }, ["1-b.pem", "2-a.pem"])
        XCTAssertTrue(settings.strictSNI)
        XCTAssertTrue(settings.certificates[1].answers("www.a.test"))
        XCTAssertFalse(settings.certificates[1].answers("x.www.a.test"), "a wildcard covers one label")
    }

    func testACrtListGivesSNIFiltersAndLineOptions() throws {
        let list = pki.path("list-\(UUID().uuidString).crt-list")
        try """
            # sites
            \(pki.path("a.pem"))
            \(pki.path("b.pem")) [alpn http/1.1 ssl-min-ver TLSv1.3 verify required ca-file \(pki.path("ca.crt"))] b.test shop.example !old.b.test

            """.write(toFile: list, atomically: true, encoding: .utf8)
        let result = planResult(config(bind: "ssl crt-list \(list) alpn h2"))
        let settings = try XCTUnwrap(result.plan?.frontends.first?.binds.first?.tls)
        XCTAssertEqual(settings.certificates.map(\.serverNames), [["a.test", "*.a.test"], ["b.test", "shop.example"]])
        XCTAssertEqual(settings.certificates[1].excludedNames, ["old.b.test"])
        XCTAssertNil(settings.certificates[0].entrySettings)
        XCTAssertEqual(settings.certificates[1].entrySettings,
                       CertificateEntrySettings(alpn: ["http/1.1"], minimumVersion: .tls13, clientVerify: .required,
                                                caFile: pki.path("ca.crt")))
        XCTAssertEqual(settings.applying(settings.certificates[1].entrySettings).alpn, ["http/1.1"])
        XCTAssertEqual(settings.alpn, ["h2"])
        XCTAssertEqual(result.diagnostics.map(\.rule.rawValue), [])
    }

    func testBadCrtListOptionsAndRevocationListsAreErrors() throws {
        let list = pki.path("list-\(UUID().uuidString).crt-list")
        try "\(pki.path("a.pem")) [verify required sni a.test] a.test\n".write(toFile: list, atomically: true, encoding: .utf8)
        let cases: [(String, [String], String)] = [
            ("ssl crt-list \(list)", ["crt-invalid", "ssl-ca-file-missing"], "crt-list '\(list)': 'sni' is not an option of a crt-list line"),
            ("ssl crt \(pki.path("a.pem")) ca-file \(pki.path("ca.crt")) verify required crl-file /nonexistent.crl",
             ["ssl-ca-file-missing"], "'crl-file' : unable to load /nonexistent.crl"),
            ("ssl crt \(pki.path("a.pem")) ca-file \(pki.path("ca.crt")) verify required crl-file \(pki.path("other-ca.crl"))",
             ["ssl-ca-file-missing"], "'crl-file' \(pki.path("other-ca.crl")): the list of 'CN=Other CA' is not signed by a "
                 + "certificate of the ca-file '\(pki.path("ca.crt"))'"),
        ]
        for (bind, rules, message) in cases {
            let result = planResult(config(bind: bind))
            XCTAssertNil(result.plan, bind)
            XCTAssertEqual(result.diagnostics.map(\.rule.rawValue), rules, bind)
            XCTAssertEqual(result.diagnostics.first?.message, message, bind)
        }
        let good = try tls("ssl crt \(pki.path("a.pem")) ca-file \(pki.path("ca.crt")) verify required crl-file \(pki.path("ca.crl"))")
        XCTAssertEqual(good.crlFile, pki.path("ca.crl"))
    }

    func testBadMaterialIsADiagnosticWithHAProxysWords() {
        let cases: [(String, String, String)] = [
            ("ssl crt \(pki.path("nokey.pem"))", "crt-invalid", "No Private Key found in '\(pki.path("nokey.pem")).key'."),
            ("ssl crt \(pki.path("mismatch.pem"))", "crt-invalid",
             "inconsistencies between private key and certificate loaded '\(pki.path("mismatch.pem"))'."),
            ("ssl crt \(pki.path("ca.key"))", "crt-invalid", "unable to load certificate from file '\(pki.path("ca.key"))'."),
            ("ssl", "crt-invalid", "no SSL certificate specified for bind '127.0.0.1:18443' (use 'crt')."),
            ("ssl crt \(pki.path("a.pem")) verify required", "ssl-ca-file-missing",
             "verify is enabled but no CA file specified for bind '127.0.0.1:18443'"),
            ("ssl crt \(pki.path("a.pem")) ca-file \(pki.path("a.key"))", "ssl-ca-file-missing",
             "unable to load CA file '\(pki.path("a.key"))' (no certificate in it)"),
            ("ssl crt \(pki.path("a.pem")) ciphers DHE-RSA-AES128-GCM-SHA256", "ssl-cipher-unknown",
             "unable to set SSL cipher list to 'DHE-RSA-AES128-GCM-SHA256': the engine's TLS library (BoringSSL) has none of these ciphers"),
            ("ssl crt \(pki.path("a.pem")) curves X25519:NOPE", "ssl-curves-unknown",
             "unable to set SSL curves list to 'X25519:NOPE': OpenSSL has no curve 'NOPE'"),
            ("ssl crt \(pki.path("a.pem")) alpn h2,,http/1.1", "ssl-alpn-invalid",
             "alpn: '' is not a protocol name (1 to 255 printable ASCII characters)"),
        ]
        for (bind, rule, message) in cases {
            let result = planResult(config(bind: bind))
            XCTAssertNil(result.plan, bind)
            let errors = result.diagnostics.filter { $0.severity == .error }
            XCTAssertEqual(errors.map(\.rule.rawValue), [rule], bind)
            XCTAssertEqual(errors.map(\.message), [message], bind)
            XCTAssertEqual(errors.first?.range.start.line, 9, bind)
        }
    }

    func testAnAbsentFileIsLeftToTheCheckerAndTheEngineStart() throws {
        let settings = try tls("ssl crt /nonexistent/site.pem")
        XCTAssertEqual(settings.certificates.map(\.path), ["/nonexistent/site.pem"])
    }

    /// A curve haproxy's OpenSSL has and the engine's BoringSSL has not: the plan runs with the curves the
    /// engine has, and says so.
    func testACurveOnlyOpenSSLHasIsNotRunAndLeftOut() throws {
        let result = planResult(config(bind: "ssl crt \(pki.path("a.pem")) curves X448:P-256"))
        XCTAssertEqual(result.diagnostics.map(\.rule.rawValue), ["tls-not-run"])
        XCTAssertEqual(result.diagnostics.first?.message,
                       "'curves' is not run by the engine: its TLS library (BoringSSL) has no curve 'X448' (it has X25519, P-256, P-384 and P-521)")
        let frontend = try XCTUnwrap(result.plan?.frontends.first)
        XCTAssertEqual(frontend.binds.first?.tls?.curves, ["P-256"])
        XCTAssertEqual(result.plan?.unsupported.map(\.feature), ["tls curves"])
    }

    func testExpiredCertificatesAndUnrunOptionsAreWarnings() throws {
        let result = planResult(config(bind: "ssl crt \(pki.path("expired.pem")) no-tls-tickets ciphersuites TLS_AES_128_GCM_SHA256"))
        XCTAssertNotNil(result.plan)
        XCTAssertEqual(result.diagnostics.map(\.severity), [.warning, .warning, .warning])
        XCTAssertEqual(result.diagnostics.map(\.rule.rawValue), ["crt-expired", "tls-not-run", "tls-not-run"])
        XCTAssertTrue(result.diagnostics[1].message.hasPrefix("'no-tls-tickets' is not run by the engine"))
        let features = result.plan?.unsupported.map(\.feature) ?? []
        XCTAssertEqual(features, ["tls no-tls-tickets", "tls ciphersuites"])
    }

    /// `ciphersuites` and `no-tls-tickets` in their global forms are named too: a warning at the global
    /// line for the bind defaults, the server defaults listed as not run; nothing is dropped silently.
    func testGlobalCiphersuitesAndTicketSettingsAreNamed() throws {
        let global = """
                ssl-default-bind-ciphersuites TLS_AES_128_GCM_SHA256
                ssl-default-bind-options ssl-min-ver TLSv1.2 no-tls-tickets
                ssl-default-server-ciphersuites TLS_AES_128_GCM_SHA256
                ssl-default-server-options no-tls-tickets
            """
        let result = planResult(config(bind: "ssl crt \(pki.path("a.pem"))", global: global))
        let plan = try XCTUnwrap(result.plan, "\(result.diagnostics.map(\.message))")
        let warnings = result.diagnostics.filter { $0.rule.rawValue == "tls-not-run" }
        XCTAssertEqual(warnings.map(\.range.start.line).sorted(), [2, 3], "\(warnings.map(\.message))")
        XCTAssertTrue(warnings.contains { $0.message.hasPrefix("'ciphersuites' is not run by the engine") })
        XCTAssertTrue(warnings.contains { $0.message.hasPrefix("'no-tls-tickets' is not run by the engine") })
        let named = plan.unsupported.map(\.directive).joined(separator: "\n")
        for word in ["ciphersuites TLS_AES_128_GCM_SHA256", "no-tls-tickets", "ssl-default-server-ciphersuites",
                     "ssl-default-server-options"] {
            XCTAssertTrue(named.contains(word), "\(word) is not listed as not run:\n\(named)")
        }
        XCTAssertEqual(try XCTUnwrap(plan.frontends.first?.binds.first?.tls).minimumVersion, .tls12)
    }

    func testHAProxyAgreesOnWhatIsRefused() throws {
        guard let haproxy = Programs.path("haproxy") else { return XCTFail("haproxy is not installed") }
        let refused = ["ssl crt \(pki.path("nokey.pem"))", "ssl crt \(pki.path("mismatch.pem"))",
                       "ssl", "ssl crt \(pki.path("a.pem")) verify required"]
        let accepted = ["ssl crt \(pki.path("a.pem"))", "ssl crt \(pki.path("expired.pem"))",
                        "ssl crt \(pki.path("a.pem")) ssl-min-ver TLSv1.3 alpn h2,http/1.1 ca-file \(pki.path("ca.crt")) verify optional"]
        for (bind, valid) in refused.map({ ($0, false) }) + accepted.map({ ($0, true) }) {
            let file = pki.path("oracle-\(UUID().uuidString).cfg")
            try config(bind: bind).write(toFile: file, atomically: true, encoding: .utf8)
            let run = try ToolRun.run(haproxy, ["-c", "-q", "-f", file])
            XCTAssertEqual(run.status == 0, valid, "haproxy -c on \(bind): \(run.output)")
            XCTAssertEqual(planResult(config(bind: bind)).plan != nil, valid, "weir on \(bind)")
        }
    }
}
