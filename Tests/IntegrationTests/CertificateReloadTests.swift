import Foundation
import WeirTestSupport
import XCTest

/// A reload whose certificate is missing or is not a certificate: the new
/// process says why and exits 1, nothing changes, the old process keeps
/// serving TLS (haproxy 2.6 refuses the same configuration: `haproxy -c`).
final class CertificateReloadTests: XCTestCase {
    private var directory: URL!
    private var daemons: Set<Int32> = []

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("weir-certreload-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        for pid in daemons { kill(pid, SIGKILL) }
        try? FileManager.default.removeItem(at: directory)
    }

    func testAReloadWithABadCertificateChangesNothing() throws {
        let pki = TestPKI.shared
        if let failure = pki.failure { XCTFail(failure); return }
        let curl = try XCTUnwrap(Programs.path("curl"), "curl is needed for the TLS requests")
        let haproxy = try XCTUnwrap(Programs.path("haproxy"), "haproxy 2.6 is needed: the reference")
        let port = Loopback.freePort()
        let certificate = directory.appendingPathComponent("site.pem").path
        try FileManager.default.copyItem(atPath: pki.path("b.pem"), toPath: certificate)
        let config = directory.appendingPathComponent("proxy.cfg").path
        try """
            global
                nbthread 1
                hard-stop-after 5s
            defaults
                mode http
                timeout connect 1s
                timeout client 5s
                timeout server 5s
            frontend web
                bind 127.0.0.1:\(port) ssl crt \(certificate)
                http-request return status 200 content-type text/plain string "served"

            """.write(toFile: config, atomically: true, encoding: .utf8)
        let pidFile = directory.appendingPathComponent("weir.pid").path
        let first = try WeirProcess.weir(["haproxy", "-D", "-q", "-f", config, "-p", pidFile])
        XCTAssertEqual(first.status, 0, first.stderr)
        let serving = try XCTUnwrap(ProxyProcesses.pid(in: pidFile))
        daemons.insert(serving)
        XCTAssertTrue(Loopback.waitForListener(port: port))
        let request = ["-sk", "--max-time", "5", "https://127.0.0.1:\(port)/"]
        XCTAssertEqual(try ToolRun.run(curl, request).output, "served")

        for (damage, text) in [("missing", nil), ("not a certificate", "garbage\n")] {
            try? FileManager.default.removeItem(atPath: certificate)
            if let text { try text.write(toFile: certificate, atomically: true, encoding: .utf8) }
            let reference = try ToolRun.run(haproxy, ["-c", "-q", "-f", config])
            XCTAssertNotEqual(reference.status, 0, "haproxy refuses a \(damage) certificate too: \(reference.output)")
            let reload = try WeirProcess.weir(["haproxy", "-D", "-f", config, "-p", pidFile, "-sf", "\(serving)"])
            XCTAssertEqual(reload.status, 1, "\(damage): \(reload.stderr)")
            XCTAssertTrue(reload.stderr.contains("[ALERT]") && reload.stderr.contains(certificate), "\(damage): \(reload.stderr)")
            usleep(300_000)
            XCTAssertEqual(ProxyProcesses.pid(in: pidFile), serving, "\(damage): the pid file still names the serving process")
            XCTAssertTrue(ProxyProcesses.isAlive(serving), "\(damage): the old process still runs")
            XCTAssertEqual(try ToolRun.run(curl, request).output, "served", "\(damage): the old process still serves TLS")
        }
        kill(serving, SIGTERM)
        XCTAssertTrue(ProxyProcesses.waitUntilGone(serving, seconds: 5))
    }
}
