import Foundation
import HAProxyConfig
import WeirTestSupport
import XCTest

/// `LogFormatString` reads log formats the way HAProxy 2.6 does: each case
/// goes through the real `haproxy -c` too, which must refuse exactly the
/// strings the reader refuses, with the same message.
final class LogFormatStringTests: XCTestCase {
    static let cases = [
        "%ci:%cp [%tr] %ft %b/%s %TR/%Tw/%Tc/%Tr/%Ta %ST %B %CC %CS %tsc %ac/%fc/%bc/%sc/%rc %sq/%bq %hr %hs %{+Q}r",
        "%{+Q}o %{-Q}ci - %[src] 100%%", "a%-b", "%{+X}[src]", "%{+Q,+E}HU", "%H %pid %ID",
        "%zz", "%ci %", "100%", "%{+Q", "%{+Q}", "%{+Q}-", "%{+Q}1", "%[src", "%{+Q}[src", "%1", "% ci", "%ci%ci%Ts%zzz",
    ]

    func testTheReaderAndHAProxyRefuseTheSameStrings() throws {
        let haproxy = try XCTUnwrap(Programs.path("haproxy"), "haproxy must be installed (bash .ci/run installs it)")
        let directory = NSTemporaryDirectory() + "weir-logformat-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var refusedCount = 0
        for (index, format) in Self.cases.enumerated() {
            let path = "\(directory)/\(index).cfg"
            try """
                global
                    log stdout local0
                defaults
                    mode http
                    log global
                    timeout connect 5s
                    timeout client 5s
                    timeout server 5s
                frontend web
                    bind 127.0.0.1:8080
                    log-format "\(format)"
                    default_backend app
                backend app
                    server a 127.0.0.1:8081

                """.write(toFile: path, atomically: true, encoding: .utf8)
            let verdict = try ToolRun.run(haproxy, ["-c", "-f", path])
            let alert = verdict.output.split(separator: "\n").first { $0.contains("failed to parse log-format") }
            switch LogFormatString.parse(format) {
            case .success:
                XCTAssertNotEqual(verdict.status, 1, "\(format): haproxy refuses what the reader accepts:\n\(verdict.output)")
            case .failure(let failure):
                refusedCount += 1
                XCTAssertEqual(verdict.status, 1, "\(format): haproxy accepts what the reader refuses (\(failure.message))")
                XCTAssertTrue(alert?.hasSuffix("failed to parse log-format : \(failure.message).") == true,
                              "\(format): haproxy says \(alert ?? "nothing"), the reader '\(failure.message)'")
            }
        }
        XCTAssertEqual(refusedCount, 12)
    }

    func testTokensKeepTextVariablesFlagsAndSamples() throws {
        let parsed = try LogFormatString.parse("%{+Q}o %{-Q}ci  x%-y %[req.hdr(host),lower] 9%%").get()
        XCTAssertEqual(parsed.tokens, [
            .defaultFlags("+Q"), .separator, .variable(name: "ci", flags: "-Q"), .separator, .literal("x-y"), .separator,
            .sample(expression: "req.hdr(host),lower", flags: nil), .separator, .literal("9%"),
        ])
        XCTAssertEqual(try LogFormatString.parse("a b", mergeSpaces: false).get().tokens, [.literal("a b")])
    }
}
