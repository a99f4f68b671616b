import ConfigDiagnostics
import Foundation
import HAProxyConfig
import WeirTestSupport
import XCTest

/// Every curve name `TLSCurveNames` calls known, and names it does not,
/// through the real `haproxy -c` on a TLS bind with a certificate made by
/// openssl here: haproxy accepts exactly the known ones.
final class TLSCurveNamesTests: XCTestCase {
    static let unknown = ["NOPE", "p-256", "brainpool512r1", "FFDHE2048", "X25519MLKEM768", "ED25519", "X25519:"]

    func testHAProxyAcceptsExactlyTheKnownNames() throws {
        let haproxy = try XCTUnwrap(Programs.path("haproxy"), "haproxy must be installed (bash .ci/run installs it)")
        let pki = TestPKI.shared
        XCTAssertNil(pki.failure, "openssl could not make the test certificates")
        let directory = NSTemporaryDirectory() + "weir-curves-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var disagreements: [String] = []
        for name in TLSCurveNames.known.sorted() + Self.unknown {
            let path = "\(directory)/curves.cfg"
            try """
                defaults
                    mode http
                    timeout connect 5s
                    timeout client 5s
                    timeout server 5s
                frontend web
                    bind 127.0.0.1:8443 ssl crt \(pki.path("b.pem")) curves "\(name)"
                    default_backend app
                backend app
                    server a 127.0.0.1:8081

                """.write(toFile: path, atomically: true, encoding: .utf8)
            let verdict = try ToolRun.run(haproxy, ["-c", "-f", path])
            let refused = verdict.status == 1 && verdict.output.contains("unable to set SSL curves list")
            if refused == TLSCurveNames.known.contains(name) { disagreements.append("'\(name)': \(verdict.output)") }
        }
        XCTAssertEqual(disagreements, [])
    }

    func testAListIsRefusedForAnyUnknownOrEmptyName() {
        let range = SourceRange(file: "t.cfg", start: SourceLocation(offset: 0, line: 1, column: 1),
                                end: SourceLocation(offset: 0, line: 1, column: 1))
        XCTAssertEqual(TLSCurveNames.unknown(in: NamedOption(name: "curves", value: "X25519:P-256", range: range)), [])
        XCTAssertEqual(TLSCurveNames.unknown(in: NamedOption(name: "curves", value: "X25519:", range: range)), [""])
        XCTAssertEqual(TLSCurveNames.unknown(in: NamedOption(name: "ecdhe", value: "X25519:P-256", range: range)), ["X25519:P-256"])
        XCTAssertEqual(SemanticFindings.curves(NamedOption(name: "curves", value: "x25519:nope", range: range))?.message,
                       "unable to set SSL curves list to 'x25519:nope': OpenSSL has no curve 'nope'")
    }
}
