import ConfigDiagnostics
import HAProxyConfig
import XCTest

/// `EffectiveProxy` is the one place defaults inheritance is worked out: the
/// checker reads its layers, the planner its `merged` section, and both give
/// the same answers.
final class EffectiveProxyTests: XCTestCase {
    static let text = """
        defaults base
            mode http
            timeout connect 5s
            timeout client 1m
            option forwardfor
            http-check send meth HEAD
        defaults tuned from base
            timeout server 3s
        defaults
            mode tcp
            timeout server 30s
        frontend plain
            bind 127.0.0.1:8000
            default_backend pool
        backend pool from tuned
            timeout server 2s
            option httpchk
            http-check send meth GET uri /health
            server a 127.0.0.1:9000
        backend inherited from tuned
            server b 127.0.0.1:9001

        """

    func testLayersAndTheMergedSectionAgree() throws {
        let configuration = HAProxyReader().read([SourceFile(path: "e.cfg", text: Self.text)]).configuration
        let proxies = configuration.proxies.map { EffectiveProxy($0, in: configuration) }
        XCTAssertEqual(proxies.map { $0.chain.compactMap(\.name) }, [[], ["tuned", "base"], ["tuned", "base"]])
        XCTAssertEqual(proxies.map(\.mode), [.tcp, .http, .http])
        for proxy in proxies {
            let merged = proxy.merged
            XCTAssertEqual(merged.mode ?? .tcp, proxy.mode, proxy.name)
            for name in ["connect", "client", "server"] {
                XCTAssertEqual(merged.timeouts[name], proxy.timeout(name), "\(proxy.name) timeout \(name)")
            }
            XCTAssertEqual(merged.options["forwardfor"], proxy.option("forwardfor"), proxy.name)
        }
        XCTAssertEqual(proxies[1].timeout("server")?.milliseconds, 2000)
        XCTAssertEqual(proxies[2].timeout("server")?.milliseconds, 3000)
        // A section with a check script of its own does not take its defaults' lines.
        XCTAssertEqual(Self.checkLines(proxies[1].merged), ["http-check send meth GET uri /health"])
        XCTAssertEqual(Self.checkLines(proxies[2].merged), ["http-check send meth HEAD"])
    }

    static func checkLines(_ proxy: Proxy) -> [String] {
        proxy.directives.map { ([$0.keyword] + $0.arguments).joined(separator: " ") }.filter { $0.hasPrefix("http-check") }
    }
}
