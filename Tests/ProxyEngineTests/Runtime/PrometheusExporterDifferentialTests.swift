import Foundation
import WeirTestSupport
import XCTest

/// `http-request use-service prometheus-exporter` on the real haproxy 2.6 and
/// on the engine with the same configuration: both outputs parsed with
/// prometheus_client's text parser must give the same metric names and label
/// sets, for every scope asked.
final class PrometheusExporterDifferentialTests: XCTestCase {
    static let parser = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Support/prometheus_samples.py").path

    /// A python3 that has prometheus_client (Debian's python3-prometheus-client or pip's).
    static func python() throws -> String {
        for candidate in ["/usr/bin/python3", Programs.path("python3")].compactMap({ $0 }) {
            let check = Process()
            check.executableURL = URL(fileURLWithPath: candidate)
            check.arguments = ["-c", "import prometheus_client.parser"]
            check.standardError = FileHandle.nullDevice
            try check.run()
            check.waitUntilExit()
            if check.terminationStatus == 0 { return candidate }
        }
        XCTFail("prometheus_client is not installed (apt-get install python3-prometheus-client, or pip install prometheus_client)")
        throw XCTSkip("no prometheus_client")
    }

    /// The samples of an exposition, as `prometheus_samples.py` prints them.
    static func samples(_ text: String, python: String) throws -> Set<String> {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("weir-prom-\(UUID().uuidString).txt")
        try text.write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let process = Process(), output = Pipe()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = [parser, file.path]
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0, "the parser refused:\n\(text.prefix(2000))")
        return Set(String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init))
    }

    func testMetricNamesAndLabelsMatchHAProxyForEveryScope() async throws {
        let python = try Self.python()
        let haproxy = try XCTUnwrap(Programs.path("haproxy"), "haproxy is not installed")
        let harness = EngineHarness()
        let ports = (haproxy: Loopback.freePort(), engine: Loopback.freePort())
        let servers = [Loopback.freePort(), Loopback.freePort()]
        try harness.startBackend("app01", port: servers[0])
        try harness.startBackend("app02", port: servers[1])
        func config(_ port: Int) -> String {
            """
            defaults
                mode http
                timeout connect 1s
                timeout client 5s
                timeout server 5s
            frontend fe
                bind 127.0.0.1:\(port)
                http-request use-service prometheus-exporter if { path /metrics }
                default_backend app
            backend app
                server app01 127.0.0.1:\(servers[0])
                server app02 127.0.0.1:\(servers[1]) check inter 500ms
            backend spare
                server s1 127.0.0.1:\(servers[0]) disabled

            """
        }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("weir-prom-\(UUID().uuidString).cfg")
        try config(ports.haproxy).write(to: file, atomically: true, encoding: .utf8)
        let reference = try BackgroundProcess(haproxy, ["-db", "-f", file.path])
        try await harness.startEngine(config(ports.engine))
        defer {
            reference.stop()
            try? FileManager.default.removeItem(at: file)
            Task { await harness.shutdown() }
        }
        XCTAssertTrue(Loopback.waitForListener(port: ports.haproxy), reference.output)
        try await Task.sleep(nanoseconds: 1_200_000_000)
        XCTAssertEqual(EngineHarness.request(port: ports.engine, "/").server.prefix(3), "app")

        for query in ["", "?scope=server", "?scope=frontend&scope=backend", "?scope=global", "?scope=", "?no-maint"] {
            let fromHAProxy = EngineHarness.request(port: ports.haproxy, "/metrics" + query)
            let fromEngine = EngineHarness.request(port: ports.engine, "/metrics" + query)
            XCTAssertEqual(fromEngine.status, 200)
            XCTAssertEqual(fromEngine.headers["content-type"], fromHAProxy.headers["content-type"])
            let expected = try Self.samples(StatsPageDifferentialTests.dechunked(fromHAProxy.body), python: python)
            let actual = try Self.samples(fromEngine.body, python: python)
            XCTAssertEqual(actual.subtracting(expected).sorted(), [], "only the engine has these (\(query))")
            XCTAssertEqual(expected.subtracting(actual).sorted(), [], "only haproxy has these (\(query))")
        }
        let metrics = EngineHarness.request(port: ports.engine, "/metrics?scope=server").body
        XCTAssertTrue(metrics.contains("haproxy_server_check_status{proxy=\"app\",server=\"app02\",state=\"L4OK\"} 1"), metrics)
        XCTAssertTrue(metrics.contains("haproxy_server_status{proxy=\"spare\",server=\"s1\",state=\"MAINT\"} 1"))
    }
}
