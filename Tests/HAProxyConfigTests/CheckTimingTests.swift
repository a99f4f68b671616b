import ConfigDiagnostics
import Foundation
import HAProxyConfig
import WeirTestSupport
import XCTest

/// `CheckTiming` reads a server's check timing as HAProxy 2.6 does; the real
/// `haproxy -c` says which values it refuses (those leave HAProxy's default
/// in the model, and the configuration is an error anyway).
final class CheckTimingTests: XCTestCase {
    /// Options on a `server … check` line, whether haproxy accepts them, and the timing read.
    static let cases: [(options: String, accepted: Bool, inter: Int64, fastinter: Int64, rise: Int, fall: Int)] = [
        ("", true, 2000, 2000, 2, 3),
        ("inter 500ms fall 2", true, 500, 500, 2, 2),
        ("inter 1s fastinter 200 rise 5", true, 1000, 200, 5, 3),
        ("rise 3x", true, 2000, 2000, 3, 3),
        ("rise 0", false, 2000, 2000, 2, 3),
        ("fall 0", false, 2000, 2000, 2, 3),
        ("rise -1", false, 2000, 2000, 2, 3),
        ("inter 0", false, 2000, 2000, 2, 3),
        ("fastinter 0 inter 3s", false, 3000, 3000, 2, 3),
    ]

    func testTimingAndHAProxysVerdictAgree() throws {
        let haproxy = try XCTUnwrap(Programs.path("haproxy"), "haproxy must be installed (bash .ci/run installs it)")
        let directory = NSTemporaryDirectory() + "weir-timing-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        for item in Self.cases {
            let text = """
                defaults
                    mode http
                    timeout connect 5s
                    timeout client 5s
                    timeout server 5s
                backend app
                    default-server inter 4s
                    server a 127.0.0.1:8081 check inter 2s \(item.options)

                """
            let path = directory + "/timing.cfg"
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            let verdict = try ToolRun.run(haproxy, ["-c", "-f", path])
            XCTAssertEqual(verdict.status != 1, item.accepted, "\(item.options): \(verdict.output)")
            let configuration = HAProxyReader().read([SourceFile(path: path, text: text)]).configuration
            let proxy = EffectiveProxy(try XCTUnwrap(configuration.proxies.first), in: configuration)
            let timing = CheckTiming(try XCTUnwrap(proxy.proxy.servers.first), proxy)
            XCTAssertEqual([timing.inter.milliseconds, timing.fastinter.milliseconds], [item.inter, item.fastinter], item.options)
            XCTAssertEqual([timing.rise, timing.fall], [item.rise, item.fall], item.options)
        }
    }
}
