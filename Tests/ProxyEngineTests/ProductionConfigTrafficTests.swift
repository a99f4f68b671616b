import Foundation
import RuntimePlan
import WeirTestSupport
import XCTest

/// The article's production configuration with its addresses moved to
/// loopback (Fixtures/engine/production-loopback.cfg): /api/ reaches
/// api_pool, WebSocket upgrades ws_pool, the rest web_pool; `weir route`
/// says the same.
final class ProductionConfigTrafficTests: XCTestCase {
    static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures/engine/production-loopback.cfg")
    static let servers = ["web01": 19101, "web02": 19102, "web03": 19103, "api01": 19201, "api02": 19202, "ws01": 19301,
                          "ws02": 19302]
    static let pools = ["web": "web_pool", "api": "api_pool", "ws": "ws_pool"]

    private var harness: EngineHarness!

    override func tearDown() async throws {
        await harness?.shutdown()
    }

    func testRequestsReachTheRightPoolsAndRouteAgrees() async throws {
        harness = EngineHarness()
        for (name, port) in Self.servers { try harness.startBackend(name, port: port) }
        try await harness.startEngine(try String(contentsOf: Self.fixture, encoding: .utf8))
        let plan = try XCTUnwrap(harness.plan)
        let explainer = RouteExplainer(plan: plan)
        let https = try XCTUnwrap(plan.frontends.first { $0.name == "https_in" })
        let cases: [(target: String, headers: [String], pool: String)] = [
            ("/api/users", [], "api_pool"), ("/api/", ["Accept: */*"], "api_pool"), ("/", [], "web_pool"),
            ("/apix", [], "web_pool"), ("/chat", ["Upgrade: websocket"], "ws_pool"),
            ("/api/stream", ["Upgrade: WebSocket"], "api_pool"), ("/static/app.js", [], "web_pool"),
        ]
        for request in cases {
            let response = EngineHarness.request(port: 18443, request.target, headers: request.headers)
            XCTAssertEqual(response.status, 200, "\(request.target): \(response.raw)")
            let pool = Self.pools[String(response.server.dropLast(2))]
            XCTAssertEqual(pool, request.pool, "\(request.target) reached \(response.server)")
            let facts = RequestFacts(target: request.target, headers: request.headers.map(Self.header), source: "127.0.0.1")
            guard case .backend(let routed) = explainer.explain(facts, frontend: https).decision.outcome else {
                return XCTFail("route does not reach a backend for \(request.target)")
            }
            XCTAssertEqual(routed, request.pool, "weir route for \(request.target)")
        }
        let fd = try XCTUnwrap(Loopback.connect(port: 18443))
        defer { close(fd) }
        Loopback.send(fd, WebSocketHandshakeTrafficTests.handshake("/echo"))
        XCTAssertTrue(Loopback.readUntil(fd, "\r\n\r\n", seconds: 3).hasPrefix("HTTP/1.1 101"))
        Loopback.send(fd, "hello")
        XCTAssertTrue(Loopback.readUntil(fd, "hello", seconds: 3).hasPrefix("ws0"), "the WebSocket is tunnelled to ws_pool")
        let redirect = EngineHarness.request(port: 18080, "/login?next=/")
        XCTAssertEqual(redirect.status, 302)
        XCTAssertEqual(redirect.headers["location"], "https://test.example/login?next=/")
    }

    /// The README's walk-through, with curl as the client.
    func testTheREADMEsCurlCommandsReachThePools() async throws {
        harness = EngineHarness()
        for (name, port) in Self.servers { try harness.startBackend(name, port: port) }
        try await harness.startEngine(try String(contentsOf: Self.fixture, encoding: .utf8))
        let curl = URL(fileURLWithPath: "/usr/bin/env")
        let cases: [(arguments: [String], server: String)] = [
            (["127.0.0.1:18443/api/users"], "api0"),
            (["127.0.0.1:18443/", "-H", "Upgrade: websocket"], "ws0"),
            (["127.0.0.1:18443/index.html"], "web0"),
        ]
        for request in cases {
            let result = try Self.run(curl, ["curl", "-s", "--max-time", "5"] + request.arguments)
            XCTAssertEqual(result.status, 0, result.output)
            XCTAssertTrue(result.output.hasPrefix(request.server), "\(request.arguments): \(result.output)")
        }
        let redirect = try Self.run(curl, ["curl", "-si", "--max-time", "5", "127.0.0.1:18080/"])
        XCTAssertTrue(redirect.output.hasPrefix("HTTP/1.1 302"), redirect.output)
        XCTAssertTrue(redirect.output.lowercased().contains("location: https://"), redirect.output)
    }

    func testWeirRouteCommandNamesThePool() throws {
        let weir = try Self.weirBinary()
        let result = try Self.run(weir, ["route", Self.fixture.path, "--port", "18443", "--request", "GET /api/v1/orders",
                                         "--header", "Host: shop.example", "--src", "10.0.0.1"])
        XCTAssertEqual(result.status, 0, result.output)
        XCTAssertTrue(result.output.contains("acl is_api: true"), result.output)
        XCTAssertTrue(result.output.contains("backend api_pool\n"), result.output)
        let redirect = try Self.run(weir, ["route", Self.fixture.path, "--port", "18080", "--request", "GET /x"])
        XCTAssertEqual(redirect.status, 3)
        XCTAssertTrue(redirect.output.contains("redirected with status 302 to https://"), redirect.output)
    }

    static func header(_ line: String) -> HTTPHeaderField {
        let colon = line.firstIndex(of: ":")!
        return HTTPHeaderField(name: String(line[..<colon]), value: line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
    }

    /// The `weir` executable built next to the tests.
    static func weirBinary() throws -> URL {
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = directory.appendingPathComponent("weir")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            directory = directory.deletingLastPathComponent()
        }
        throw XCTSkip("the weir executable was not built next to the tests")
    }

    static func run(_ executable: URL, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
