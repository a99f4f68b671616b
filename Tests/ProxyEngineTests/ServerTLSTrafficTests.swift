import Foundation
import WeirTestSupport
import XCTest

/// TLS toward servers: `server … ssl` with `verify`, `ca-file`, `sni` and
/// `verifyhost`, and health checks over TLS. The TLS server is a second
/// frontend of the same engine (terminating with a certificate made by
/// openssl) in front of the test backend; haproxy plays the same part in the
/// differential case.
final class ServerTLSTrafficTests: XCTestCase {
    private var pki: TestPKI { TestPKI.shared }

    override func setUpWithError() throws {
        if let failure = TestPKI.shared.failure { XCTFail("the test PKI could not be made: \(failure)") }
        for tool in ["curl", "haproxy"] where Programs.path(tool) == nil { XCTFail("\(tool) is not installed") }
    }

    private func config(front: Int, origin: Int, backend: Int, server: String, check: String = "") -> String {
        """
        defaults
            mode http
            timeout connect 2s
            timeout client 5s
            timeout server 5s
        frontend origin
            bind 127.0.0.1:\(origin) ssl crt \(pki.path("b.pem"))
            http-request set-header X-Origin-SNI %[ssl_fc_sni]
            default_backend app
        backend app
            server a 127.0.0.1:\(backend)
        frontend f
            bind 127.0.0.1:\(front)
            default_backend tls
        backend tls
        \(check)
            server s 127.0.0.1:\(origin) \(server)

        """
    }

    private func get(_ port: Int) throws -> ToolRun.Outcome {
        try ToolRun.run(try XCTUnwrap(Programs.path("curl")), ["-s", "-w", "\n%{http_code}", "http://127.0.0.1:\(port)/"])
    }

    /// A TLS server that refuses the connection: 503 after the retries, as haproxy answers, and the engine
    /// goes on serving (the handshake waiter of a connection that never opened used to leak its promise,
    /// which traps in a debug build).
    func testARefusedTLSServerIsA503AndTheEngineGoesOn() async throws {
        let front = Loopback.freePort(), closed = Loopback.freePort()
        let harness = EngineHarness()
        try await harness.startEngine("""
            defaults
                mode http
                timeout connect 2s
                timeout client 5s
                timeout server 5s
            frontend f
                bind 127.0.0.1:\(front)
                default_backend tls
            backend tls
                server s 127.0.0.1:\(closed) ssl verify none

            """)
        for _ in 0..<2 {
            XCTAssertEqual(try get(front).output.split(separator: "\n").last, "503")
        }
        await harness.shutdown()
    }

    func testVerificationSNIAndVerifyhostAsHAProxyDoesThem() async throws {
        let cases: [(server: String, status: String, sni: String?)] = [
            ("ssl verify none", "200", nil),
            ("ssl verify required ca-file \(pki.path("ca.crt"))", "200", nil),
            ("ssl verify required ca-file \(pki.path("ca.crt")) sni str(b.test)", "200", "b.test"),
            ("ssl verify required ca-file \(pki.path("ca.crt")) sni str(a.test)", "503", nil),
            ("ssl verify required ca-file \(pki.path("other-ca.crt"))", "503", nil),
        ]
        for item in cases {
            var statuses: [String] = []
            for engine in [false, true] {
                let front = Loopback.freePort(), origin = Loopback.freePort(), backend = Loopback.freePort()
                let text = config(front: front, origin: origin, backend: backend, server: item.server)
                let harness = EngineHarness()
                try harness.startBackend("app", port: backend)
                var reference: BackgroundProcess?
                if engine {
                    try await harness.startEngine(text)
                } else {
                    let file = pki.path("server-tls-\(UUID().uuidString).cfg")
                    try text.write(toFile: file, atomically: true, encoding: .utf8)
                    reference = try BackgroundProcess(try XCTUnwrap(Programs.path("haproxy")), ["-db", "-f", file])
                    XCTAssertTrue(Loopback.waitForListener(port: front), reference?.output ?? "")
                }
                let outcome = try get(front)
                let lines = outcome.output.split(separator: "\n").map(String.init)
                statuses.append(lines.last ?? "")
                if item.status == "200" {
                    // No SNI unless `sni` gives one (HAProxy's default).
                    XCTAssertEqual(lines.contains("x-origin-sni: b.test"), item.sni != nil,
                                   "\(engine ? "engine" : "haproxy") \(item.server): \(outcome.output)")
                }
                reference?.stop()
                await harness.shutdown()
            }
            XCTAssertEqual(statuses, [item.status, item.status], "haproxy, then the engine, with \(item.server)")
        }
    }

    func testHealthChecksGoOverTLS() async throws {
        let front = Loopback.freePort(), origin = Loopback.freePort(), backend = Loopback.freePort()
        let harness = EngineHarness()
        try harness.startBackend("app", port: backend)
        // The same server, checked over TLS (passes) and in clear text against the TLS port (fails: not HTTP).
        let text = config(front: front, origin: origin, backend: backend,
                          server: "ssl verify required ca-file \(pki.path("ca.crt")) check inter 200ms rise 1 fall 1\n"
                              + "    server clear 127.0.0.1:\(origin) check inter 200ms rise 1 fall 1",
                          check: "    option httpchk GET /hello")
        try await harness.startEngine(text)
        let down = await harness.waitForEvent(seconds: 5) { "\($0)".contains("clear") && "\($0)".contains("DOWN") }
        XCTAssertTrue(down, "\(harness.events)")
        try await Task.sleep(nanoseconds: 600_000_000)
        XCTAssertFalse(harness.events.contains { "\($0)".contains("Server tls/s is DOWN") }, "\(harness.events)")
        XCTAssertEqual(try get(front).output.split(separator: "\n").last, "200")
        await harness.shutdown()
    }
}
