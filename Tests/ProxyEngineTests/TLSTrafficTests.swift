import ConfigDiagnostics
import Foundation
import HAProxyConfig
import NIOPosix
import ProxyEngine
import RuntimePlan
import RuntimePlanner
import WeirTestSupport
import XCTest

/// TLS termination on real sockets, with the real openssl s_client and
/// curl as clients and the real haproxy 2.6 on the same configuration as
/// the reference: versions, SNI certificate selection, strict-sni, the
/// chain, client certificates, and the TLS fetches seen by rules and servers.
final class TLSTrafficTests: XCTestCase {
    private var pki: TestPKI { TestPKI.shared }

    override func setUpWithError() throws {
        if let failure = TestPKI.shared.failure { XCTFail("the test PKI could not be made: \(failure)") }
        for tool in ["openssl", "curl", "haproxy"] where Programs.path(tool) == nil { XCTFail("\(tool) is not installed") }
    }

    private func config(port: Int, backendPort: Int, bind: String, rules: String = "") -> String {
        """
        defaults
            mode http
            timeout connect 2s
            timeout client 5s
            timeout server 5s
        frontend f
            bind 127.0.0.1:\(port) \(bind)
        \(rules)
            default_backend b
        backend b
            server s 127.0.0.1:\(backendPort)

        """
    }

    /// The engine and haproxy on the same configuration (each on its own port), with one backend.
    private func startBoth(bind: String, rules: String = "") async throws -> (engine: Int, haproxy: Int, harness: EngineHarness,
                                                                               reference: BackgroundProcess) {
        let backendPort = Loopback.freePort(), enginePort = Loopback.freePort(), haproxyPort = Loopback.freePort()
        let harness = EngineHarness()
        try harness.startBackend("app", port: backendPort)
        try await harness.startEngine(config(port: enginePort, backendPort: backendPort, bind: bind, rules: rules))
        let file = pki.path("haproxy-\(UUID().uuidString).cfg")
        try config(port: haproxyPort, backendPort: backendPort, bind: bind, rules: rules).write(toFile: file, atomically: true,
                                                                                                encoding: .utf8)
        let reference = try BackgroundProcess(try XCTUnwrap(Programs.path("haproxy")), ["-db", "-f", file])
        XCTAssertTrue(Loopback.waitForListener(port: haproxyPort), reference.output)
        return (enginePort, haproxyPort, harness, reference)
    }

    /// `brief`: s_client's short report (it has no ALPN line: the full one has).
    private func handshake(_ port: Int, _ options: [String], brief: Bool = true) throws -> ToolRun.Outcome {
        try ToolRun.run(try XCTUnwrap(Programs.path("openssl")),
                        ["s_client"] + (brief ? ["-brief"] : []) + ["-connect", "127.0.0.1:\(port)", "-CAfile", pki.path("ca.crt")]
                            + options)
    }

    /// The value of a `-brief` line (`Protocol version: TLSv1.3`).
    private func field(_ outcome: ToolRun.Outcome, _ name: String) -> String? {
        outcome.output.split(separator: "\n").first { $0.hasPrefix(name + ":") }
            .map { $0.dropFirst(name.count + 1).trimmingCharacters(in: .whitespaces) }
    }

    func testVersionsAndSNICertificateSelectionMatchHAProxy() async throws {
        let bind = "ssl crt \(pki.path("a.pem")) crt \(pki.path("b.pem"))"
        let (engine, haproxy, harness, reference) = try await startBoth(bind: bind)
        defer { reference.stop() }
        let cases: [(options: [String], established: Bool, peer: String?, version: String?)] = [
            (["-tls1_1", "-cipher", "DEFAULT@SECLEVEL=0"], false, nil, nil),
            (["-tls1_2", "-servername", "a.test"], true, "CN = a.test", "TLSv1.2"),
            (["-tls1_3", "-servername", "b.test"], true, "CN = b.test", "TLSv1.3"),
            (["-servername", "www.a.test"], true, "CN = a.test", "TLSv1.3"),
            (["-noservername"], true, "CN = a.test", "TLSv1.3"),
            (["-servername", "unknown.test"], true, "CN = a.test", "TLSv1.3"),
        ]
        for item in cases {
            for port in [haproxy, engine] {
                let outcome = try handshake(port, item.options)
                let name = "\(port == engine ? "engine" : "haproxy") \(item.options)"
                XCTAssertEqual(outcome.output.contains("CONNECTION ESTABLISHED"), item.established, "\(name): \(outcome.output)")
                XCTAssertEqual(field(outcome, "Peer certificate"), item.peer, name)
                XCTAssertEqual(field(outcome, "Protocol version"), item.version, name)
                if item.established { XCTAssertEqual(field(outcome, "Verification"), "OK", "\(name): the chain is sent") }
            }
        }
        await harness.shutdown()
    }

    func testStrictSNIRefusesNamesWithoutACertificate() async throws {
        let (engine, haproxy, harness, reference) = try await startBoth(bind: "ssl strict-sni crt \(pki.path("a.pem"))")
        defer { reference.stop() }
        for port in [haproxy, engine] {
            XCTAssertFalse(try handshake(port, ["-servername", "b.test"]).output.contains("CONNECTION ESTABLISHED"))
            XCTAssertFalse(try handshake(port, ["-noservername"]).output.contains("CONNECTION ESTABLISHED"))
            XCTAssertTrue(try handshake(port, ["-servername", "x.a.test"]).output.contains("CONNECTION ESTABLISHED"))
        }
        await harness.shutdown()
    }

    func testALPNIsOfferedOnlyWhenTheBindHasIt() async throws {
        let plain = try await startBoth(bind: "ssl crt \(pki.path("a.pem"))")
        defer { plain.reference.stop() }
        for port in [plain.haproxy, plain.engine] {
            let outcome = try handshake(port, ["-servername", "a.test", "-alpn", "h2,http/1.1"], brief: false)
            XCTAssertTrue(outcome.output.contains("No ALPN negotiated"), outcome.output)
        }
        await plain.harness.shutdown()
        let offered = try await startBoth(bind: "ssl crt \(pki.path("a.pem")) alpn http/1.1")
        defer { offered.reference.stop() }
        for port in [offered.haproxy, offered.engine] {
            let outcome = try handshake(port, ["-servername", "a.test", "-alpn", "h2,http/1.1"], brief: false)
            XCTAssertEqual(field(outcome, "ALPN protocol"), "http/1.1", outcome.output)
        }
        await offered.harness.shutdown()
    }

    func testTLSFetchesReachRulesAndServersAsInHAProxy() async throws {
        let rules = """
                http-request set-header X-Forwarded-Proto https if { ssl_fc }
                http-request set-header X-SNI %[ssl_fc_sni]
                http-request set-header X-Has-SNI %[ssl_fc_has_sni]
                http-request set-header X-Version %[ssl_fc_protocol]
                http-request set-header X-Cipher %[ssl_fc_cipher]
                http-request set-header X-ALPN %[ssl_fc_alpn]
                http-request set-header X-Client-Used %[ssl_c_used]
                http-request set-header X-Client-Verify %[ssl_c_verify]
                http-request set-header X-Client-DN %[ssl_c_s_dn]
                http-request set-header X-Client-CN %[ssl_c_s_dn(CN)]
                http-request set-header X-Issuer-DN %[ssl_c_i_dn]
                http-request set-header X-Client-Not-After %[ssl_c_notafter]
                http-request set-header X-Client-Serial %[ssl_c_serial,hex]
                http-request set-header X-Client-Serial-Bytes %[ssl_c_serial,length]
                http-request deny deny_status 403 if { ssl_fc_sni -m end .denied.test }
            """
        let bind = "ssl crt \(pki.path("a.pem")) alpn http/1.1 ca-file \(pki.path("ca.crt")) verify optional"
        let (engine, haproxy, harness, reference) = try await startBoth(bind: bind, rules: rules)
        defer { reference.stop() }
        let curl = try XCTUnwrap(Programs.path("curl"))
        var seen: [[String]] = []
        for port in [haproxy, engine] {
            let withCertificate = try ToolRun.run(curl, [
                "-sS", "--http1.1", "--tlsv1.2", "--tls-max", "1.2", "--ciphers", "ECDHE-RSA-AES128-GCM-SHA256",
                "--cacert", pki.path("ca.crt"), "--cert", pki.path("client.crt"), "--key", pki.path("client.key"),
                "--resolve", "a.test:\(port):127.0.0.1", "https://a.test:\(port)/",
            ])
            let lines = withCertificate.output.split(separator: "\n").map(String.init).filter { $0.hasPrefix("x-") }
            seen.append(lines)
            XCTAssertTrue(lines.contains("x-client-cn: client1"), withCertificate.output)
            let anonymous = try ToolRun.run(curl, ["-sS", "--http1.1", "--cacert", pki.path("ca.crt"),
                                                   "--resolve", "a.test:\(port):127.0.0.1", "https://a.test:\(port)/"])
            XCTAssertTrue(anonymous.output.contains("x-client-used: 0"), anonymous.output)
            XCTAssertTrue(anonymous.output.contains("x-version: TLSv1.3"), anonymous.output)
            let denied = try ToolRun.run(curl, ["-s", "-o", "/dev/null", "-w", "%{http_code}", "-k",
                                                "--resolve", "x.denied.test:\(port):127.0.0.1", "https://x.denied.test:\(port)/"])
            XCTAssertEqual(denied.output, "403")
        }
        XCTAssertEqual(seen[1], seen[0], "the engine's headers differ from haproxy's")
        XCTAssertTrue(seen[0].contains("x-forwarded-proto: https"), "\(seen[0])")
        XCTAssertTrue(seen[0].contains("x-client-dn: /C=FR/O=Weir/CN=client1"), "\(seen[0])")
        XCTAssertTrue(seen[0].contains("x-cipher: ECDHE-RSA-AES128-GCM-SHA256"), "\(seen[0])")
        XCTAssertTrue(seen[0].contains { $0.hasPrefix("x-client-not-after: ") && $0.hasSuffix("Z") }, "\(seen[0])")
        // The serial is binary: `hex` writes each byte as two digits, and `length` counts bytes.
        XCTAssertTrue(seen[0].contains { $0.hasPrefix("x-client-serial: ") && $0.count > "x-client-serial: ".count }, "\(seen[0])")
        XCTAssertTrue(seen[0].contains { $0.hasPrefix("x-client-serial-bytes: ") }, "\(seen[0])")
        await harness.shutdown()
    }

    func testRequiredClientCertificatesAreCheckedAgainstTheCA() async throws {
        let bind = "ssl crt \(pki.path("a.pem")) ca-file \(pki.path("ca.crt")) verify required"
        let (engine, haproxy, harness, reference) = try await startBoth(bind: bind)
        defer { reference.stop() }
        let curl = try XCTUnwrap(Programs.path("curl"))
        for port in [haproxy, engine] {
            func status(_ extra: [String]) throws -> String {
                try ToolRun.run(curl, ["-s", "-o", "/dev/null", "-w", "%{http_code}", "--cacert", pki.path("ca.crt"),
                                       "--resolve", "a.test:\(port):127.0.0.1", "https://a.test:\(port)/"] + extra).output
            }
            XCTAssertEqual(try status(["--cert", pki.path("client.crt"), "--key", pki.path("client.key")]), "200", "port \(port)")
            XCTAssertEqual(try status([]), "000", "no client certificate, port \(port)")
            XCTAssertEqual(try status(["--cert", pki.path("rogue.crt"), "--key", pki.path("rogue.key")]), "000",
                           "a certificate of another CA, port \(port)")
        }
        await harness.shutdown()
    }

    func testTheArticlesRedirectAndForwardedProtoWorkOverTLS() async throws {
        let backendPort = Loopback.freePort(), clearPort = Loopback.freePort(), tlsPort = Loopback.freePort()
        let harness = EngineHarness()
        try harness.startBackend("web", port: backendPort)
        try await harness.startEngine("""
            defaults
                mode http
                timeout connect 2s
                timeout client 5s
                timeout server 5s
            frontend http_in
                bind 127.0.0.1:\(clearPort)
                http-request redirect scheme https unless { ssl_fc }
            frontend https_in
                bind 127.0.0.1:\(tlsPort) ssl crt \(pki.path("a.pem"))
                http-request redirect scheme https unless { ssl_fc }
                http-request set-header X-Forwarded-Proto https if { ssl_fc }
                default_backend web
            backend web
                server w 127.0.0.1:\(backendPort)

            """)
        let curl = try XCTUnwrap(Programs.path("curl"))
        let redirect = try ToolRun.run(curl, ["-s", "-o", "/dev/null", "-w", "%{http_code} %{redirect_url}",
                                              "-H", "Host: a.test", "http://127.0.0.1:\(clearPort)/x?y=1"])
        XCTAssertEqual(redirect.output, "302 https://a.test/x?y=1")
        let served = try ToolRun.run(curl, ["-sS", "--cacert", pki.path("ca.crt"), "--resolve", "a.test:\(tlsPort):127.0.0.1",
                                            "https://a.test:\(tlsPort)/x"])
        XCTAssertTrue(served.output.hasPrefix("web\n"), served.output)
        XCTAssertTrue(served.output.contains("x-forwarded-proto: https"), served.output)
        await harness.shutdown()
    }

    func testTCPModeTerminatesTLSToo() async throws {
        let backendPort = Loopback.freePort(), port = Loopback.freePort()
        let harness = EngineHarness()
        try harness.startBackend("app", port: backendPort)
        try await harness.startEngine("""
            defaults
                mode tcp
                timeout connect 2s
                timeout client 5s
                timeout server 5s
            frontend f
                bind 127.0.0.1:\(port) ssl crt \(pki.path("b.pem"))
                default_backend b
            backend b
                server s 127.0.0.1:\(backendPort)

            """)
        let served = try ToolRun.run(try XCTUnwrap(Programs.path("curl")), [
            "-sS", "--cacert", pki.path("ca.crt"), "--resolve", "b.test:\(port):127.0.0.1", "https://b.test:\(port)/",
        ])
        XCTAssertTrue(served.output.hasPrefix("app\n"), served.output)
        await harness.shutdown()
    }

    func testBadMaterialAtStartIsAnErrorNotACrash() async throws {
        let file = pki.path("vanishing-\(UUID().uuidString).pem")
        try FileManager.default.copyItem(atPath: pki.path("a.pem"), toPath: file)
        let text = config(port: Loopback.freePort(), backendPort: Loopback.freePort(), bind: "ssl crt \(file)")
        let parsed = HAProxyReader().read([SourceFile(path: "tls.cfg", text: text)])
        let plan = try XCTUnwrap(Planner(fileOrder: ["tls.cfg"]).plan(parsed.configuration).plan)
        // The file was good when the plan was made and is garbage when the engine starts.
        try "not a certificate".write(toFile: file, atomically: true, encoding: .utf8)
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let engine = ProxyEngine(plan: plan, group: group) { _ in }
        do {
            try await engine.start()
            XCTFail("the engine started with a garbage certificate")
        } catch {
            XCTAssertTrue("\(error)".contains("unable to load certificate from file '\(file)'"), "\(error)")
        }
        try await group.shutdownGracefully()
    }
}
