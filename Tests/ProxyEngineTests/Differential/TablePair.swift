import Foundation
@testable import ProxyEngine
import WeirTestSupport
import XCTest
#if canImport(Glibc)
import Glibc
#endif

/// The real haproxy (with an admin runtime socket) and the engine on one
/// configuration, in front of the same servers, each answering with an
/// `X-Server` header naming itself: for persistence and stick-table comparisons.
final class TablePair: @unchecked Sendable {
    let haproxyPort = Loopback.freePort()
    let enginePort = Loopback.freePort()
    let servers: [ScriptedBackend]
    /// haproxy's admin socket.
    let socket: String
    private let reference: BackgroundProcess
    private let harness = EngineHarness()
    private let directory: URL

    /// `config(port, serverPorts, socket)` is the configuration; the engine's has no socket (nil).
    init(servers names: [String], _ config: (Int, [Int], String?) -> String) async throws {
        let haproxy = try XCTUnwrap(Programs.path("haproxy"), "haproxy is not installed (bash .ci/run installs it)")
        servers = try names.map(Self.server)
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("weir-tables-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        socket = directory.appendingPathComponent("admin.sock").path
        let file = directory.appendingPathComponent("haproxy.cfg")
        try config(haproxyPort, servers.map(\.port), socket).write(to: file, atomically: true, encoding: .utf8)
        reference = try BackgroundProcess(haproxy, ["-db", "-f", file.path])
        try await harness.startEngine(config(enginePort, servers.map(\.port), nil))
        XCTAssertTrue(Loopback.waitForListener(port: haproxyPort), reference.output)
    }

    /// The engine's live tables.
    func tables() throws -> StickTableSet { try XCTUnwrap(harness.engine?.engine.stickTables) }

    func shutdown() async {
        await harness.shutdown()
        reference.stop()
        servers.forEach { $0.stop() }
        try? FileManager.default.removeItem(at: directory)
    }

    /// A server that names itself; `/etag` answers with a validator, so `nocache` applies, and
    /// `/set-NAME` sets a cookie `NAME` of its own.
    static func server(_ name: String) throws -> ScriptedBackend {
        try ScriptedBackend { path in
            var extra = path == "/etag" ? "ETag: \"v1\"\r\n" : ""
            if path.hasPrefix("/set-") { extra += "Set-Cookie: \(path.dropFirst(5))=fromserver; Path=/app\r\n" }
            return .init("HTTP/1.1 200 OK\r\nX-Server: \(name)\r\n\(extra)Content-Length: 2\r\n\r\nok")
        }
    }

    /// What persistence shows of one response: the server and the cookie and cache lines.
    static func observed(_ port: Int, path: String, cookie: String?, settle: Double = 2) -> String {
        let header = cookie.map { "Cookie: \($0)\r\n" } ?? ""
        let request = "GET \(path) HTTP/1.1\r\nHost: a\r\n\(header)Connection: close\r\n\r\n"
        let (text, _) = ProxyPair.send(Array(request.utf8), port: port, settle: settle)
        let head = text.components(separatedBy: "\r\n\r\n").first ?? ""
        // HAProxy writes header names in lower case; the engine keeps the server's (README, "Message rules").
        return head.components(separatedBy: "\r\n").compactMap { line -> String? in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            let name = line[..<colon].lowercased()
            return ["x-server", "set-cookie", "cache-control"].contains(name) ? name + line[colon...] : nil
        }.joined(separator: " | ")
    }

    /// `show table` lines without the entry's address and its `exp=` milliseconds.
    static func normalized(_ text: String) -> [String] {
        text.split(separator: "\n").map { line in
            line.split(separator: " ").compactMap { word -> String? in
                if word.hasPrefix("0x") { return nil }
                return word.hasPrefix("exp=") ? "exp=…" : String(word)
            }.joined(separator: " ")
        }
    }

    /// One command on haproxy's runtime socket; the answer up to the close.
    func ask(_ command: String) -> String {
        let fd = Glibc.socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            for (index, byte) in socket.utf8.prefix(raw.count - 1).enumerated() { raw[index] = byte }
        }
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard connected == 0 else { return "" }
        _ = command.withCString { send(fd, $0, strlen($0), 0) }
        var answer = [UInt8](), buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = recv(fd, &buffer, buffer.count, 0)
            if count <= 0 { break }
            answer += buffer[0..<count]
        }
        return String(decoding: answer, as: UTF8.self)
    }
}
