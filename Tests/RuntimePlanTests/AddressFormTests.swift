import Foundation
import RuntimePlan
import WeirTestSupport
import XCTest

/// Every address form of `bind` and `server` lines, compiled to the plan's
/// typed endpoints, with the verdict of the real `haproxy -c` beside ours.
final class AddressFormTests: XCTestCase {
    /// Bind addresses and the listeners they give.
    static let binds: [(written: String, expected: [SocketEndpoint])] = [
        ("127.0.0.1:8080", [.inet(host: "127.0.0.1", port: 8080)]),
        ("*:8081", [.inet(host: "0.0.0.0", port: 8081)]),
        (":8082", [.inet(host: "0.0.0.0", port: 8082)]),
        ("[::1]:8083", [.inet(host: "::1", port: 8083)]),
        (":::8084", [.inet(host: "::", port: 8084)]),
        ("ipv6@:::8085", [.inet(host: "::", port: 8085)]),
        ("ipv6@:8086", [.inet(host: "::", port: 8086)]),
        ("ipv4@127.0.0.2:8087-8088", [.inet(host: "127.0.0.2", port: 8087), .inet(host: "127.0.0.2", port: 8088)]),
        ("unix@/run/weir/a.sock", [.unix(path: "/run/weir/a.sock")]),
        ("/run/weir/b.sock", [.unix(path: "/run/weir/b.sock")]),
        ("unix@relative.sock", [.unix(path: "relative.sock")]),
        ("abns@weir-listener", [.abstract(name: "weir-listener")]),
    ]

    /// Server addresses and where the engine connects.
    static let servers: [(written: String, expected: SocketEndpoint)] = [
        ("127.0.0.1:9000", .inet(host: "127.0.0.1", port: 9000)),
        ("[::1]:9001", .inet(host: "::1", port: 9001)),
        ("ipv6@::1:9002", .inet(host: "::1", port: 9002)),
        ("localhost:9003", .inet(host: "localhost", port: 9003)),
        ("127.0.0.1", .inetClientPort(host: "127.0.0.1", offset: 0)),
        ("127.0.0.1:", .inetClientPort(host: "127.0.0.1", offset: 0)),
        ("127.0.0.1:+1000", .inetClientPort(host: "127.0.0.1", offset: 1000)),
        ("127.0.0.1:-10", .inetClientPort(host: "127.0.0.1", offset: -10)),
        ("unix@/run/app.sock", .unix(path: "/run/app.sock")),
        ("/run/app2.sock", .unix(path: "/run/app2.sock")),
        ("abns@app", .abstract(name: "app")),
    ]

    /// Lines that HAProxy 2.6 refuses and so does the planner (in a frontend, then in a backend).
    static let refused: [(bind: String?, server: String?)] = [
        ("fd@", nil),
        ("fd@x", nil),
        ("udp@127.0.0.1:9000", nil),
        ("/run/a.sock mode 999", nil),
        ("/run/a.sock mode rw", nil),
        (nil, "fd@3"),
    ]

    private func config(binds: [String], servers: [String], global: String = "") -> String {
        "global\n" + global + """
        defaults
            mode http
            timeout connect 1s
            timeout client 1s
            timeout server 1s
        frontend f

        """ + binds.map { "    bind \($0)\n" }.joined() + """
            default_backend b
        backend b

        """ + servers.enumerated().map { "    server s\($0.offset) \($0.element)\n" }.joined()
    }

    func testEveryBindAndServerFormIsPlannedAsHAProxyAcceptsIt() throws {
        let text = config(binds: Self.binds.map(\.written), servers: Self.servers.map(\.written))
        XCTAssertEqual(try HAProxyCheck.verdict(text), true, "haproxy -c refuses the forms it should accept")
        let plan = try XCTUnwrap(compilePlan(text))
        XCTAssertEqual(plan.frontends[0].binds.map(\.endpoint), Self.binds.flatMap(\.expected))
        XCTAssertEqual(plan.backends[0].servers.map(\.address), Self.servers.map(\.expected))
        XCTAssertTrue(plan.frontends[0].binds.allSatisfy { $0.fileAccess == nil })
    }

    func testWhatHAProxyRefusesThePlannerRefuses() throws {
        for (bind, server) in Self.refused {
            let text = config(binds: [bind ?? "127.0.0.1:8080"], servers: [server ?? "127.0.0.1:9000"])
            XCTAssertEqual(try HAProxyCheck.verdict(text), false, "haproxy -c accepts \(bind ?? server ?? "")")
            let result = planResult(text)
            XCTAssertNil(result.plan, "the planner accepts \(bind ?? server ?? "")")
            XCTAssertFalse(result.diagnostics.isEmpty)
        }
    }

    func testUnixSocketsTakeTheirOwnerAndModeFromTheBindOverUnixBind() throws {
        let text = config(binds: ["unix@a.sock", "/run/b.sock mode 600 user nobody", "abns@c uid 7", "127.0.0.1:8080 mode 644"],
                          servers: ["127.0.0.1:9000"], global: "    unix-bind prefix /run/weir/ mode 640 gid 0\n")
        XCTAssertEqual(try HAProxyCheck.verdict(text), true)
        let binds = try XCTUnwrap(compilePlan(text)).frontends[0].binds
        XCTAssertEqual(binds.map(\.endpoint), [.unix(path: "/run/weir/a.sock"), .unix(path: "/run/weir//run/b.sock"),
                                               .abstract(name: "c"), .inet(host: "127.0.0.1", port: 8080)])
        XCTAssertEqual(binds.map(\.fileAccess), [
            SocketFileAccess(mode: 0o640, group: .id(0)),
            SocketFileAccess(mode: 0o600, owner: .name("nobody"), group: .id(0)),
            nil, nil,
        ])
    }

    func testEndpointsAreWrittenAsHAProxyWritesThem() {
        XCTAssertEqual(Self.binds.flatMap(\.expected).map(\.description), [
            "127.0.0.1:8080", "0.0.0.0:8081", "0.0.0.0:8082", "[::1]:8083", "[::]:8084", "[::]:8085", "[::]:8086",
            "127.0.0.2:8087", "127.0.0.2:8088", "unix@/run/weir/a.sock", "unix@/run/weir/b.sock", "unix@relative.sock",
            "abns@weir-listener",
        ])
        XCTAssertEqual(SocketEndpoint.inherited(descriptor: 3).description, "fd@3")
        XCTAssertEqual(SocketEndpoint.inetClientPort(host: "10.0.0.1", offset: -5).description, "10.0.0.1:-5")
        XCTAssertEqual(SocketEndpoint.inetClientPort(host: "10.0.0.1", offset: 1000).forClient(destinationPort: 80),
                       .inet(host: "10.0.0.1", port: 1080))
    }
}

/// Runs the real `haproxy -c` on a configuration text.
enum HAProxyCheck {
    struct Missing: Error, CustomStringConvertible {
        var description: String { "haproxy is not installed: this test compares with `haproxy -c`" }
    }

    /// true when haproxy accepts the text (exit 0, or 2: valid but nothing to listen on).
    static func verdict(_ text: String) throws -> Bool {
        guard let haproxy = Programs.path("haproxy") else { throw Missing() }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("weir-address-\(UUID().uuidString).cfg")
        try text.write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: haproxy)
        process.arguments = ["-c", "-q", "-f", file.path]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus == 0 || process.terminationStatus == 2
    }
}
