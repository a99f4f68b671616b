import Foundation
import WeirTestSupport
import XCTest

/// The README's walk-through of the production config with TLS
/// (Fixtures/engine/production-loopback-tls.cfg): the certificate made as the
/// README makes it (in a scratch directory instead of /tmp/weir-demo), curl
/// with `--cacert` and `--resolve`, the redirect, and TLS 1.1 refused.
final class ProductionTLSWalkthroughTests: XCTestCase {
    static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures/engine/production-loopback-tls.cfg")

    func testTheREADMEsTLSWalkthrough() async throws {
        for tool in ["openssl", "curl"] where Programs.path(tool) == nil { return XCTFail("\(tool) is not installed") }
        let directory = NSTemporaryDirectory() + "weir-demo-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let make = try ToolRun.run("/bin/sh", ["-c", """
            openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 30 \
                -subj /CN=shop.test -addext subjectAltName=DNS:shop.test \
                -keyout site.key -out site.crt 2>/dev/null && cat site.crt site.key > site.pem
            """.replacingOccurrences(of: "site.", with: directory + "/site.")])
        XCTAssertEqual(make.status, 0, make.output)
        let text = try String(contentsOf: Self.fixture, encoding: .utf8)
            .replacingOccurrences(of: "/tmp/weir-demo/site.pem", with: directory + "/site.pem")
        let harness = EngineHarness()
        for (name, port) in ProductionConfigTrafficTests.servers { try harness.startBackend(name, port: port) }
        try await harness.startEngine(text)
        let curl = try XCTUnwrap(Programs.path("curl"))
        let tls = ["--cacert", directory + "/site.crt", "--resolve", "shop.test:18443:127.0.0.1"]
        let cases: [(arguments: [String], server: String)] = [
            (["https://shop.test:18443/api/users"], "api0"),
            (["https://shop.test:18443/", "-H", "Upgrade: websocket"], "ws0"),
            (["https://shop.test:18443/index.html"], "web0"),
        ]
        for request in cases {
            let result = try ToolRun.run(curl, ["-s", "--max-time", "5"] + tls + request.arguments)
            XCTAssertEqual(result.status, 0, result.output)
            XCTAssertTrue(result.output.hasPrefix(request.server), "\(request.arguments): \(result.output)")
        }
        let redirect = try ToolRun.run(curl, ["-si", "--max-time", "5", "127.0.0.1:18080/"])
        XCTAssertTrue(redirect.output.hasPrefix("HTTP/1.1 302"), redirect.output)
        let old = try ToolRun.run(try XCTUnwrap(Programs.path("openssl")),
                                  ["s_client", "-connect", "127.0.0.1:18443", "-tls1_1", "-cipher", "DEFAULT@SECLEVEL=0"])
        XCTAssertNotEqual(old.status, 0, old.output)
        await harness.shutdown()
    }
}
