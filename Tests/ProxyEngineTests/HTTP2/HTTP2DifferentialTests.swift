import Foundation
import WeirTestSupport
import XCTest

/// HTTP/2 requests by prior knowledge sent with curl to the real haproxy 2.6
/// and to the engine on the same configuration, each in front of the same
/// scripted HTTP/1.1 server: the same status and headers reach the client,
/// the same HTTP/1.1 request reaches the server (its header lines compared
/// without order).
final class HTTP2DifferentialTests: XCTestCase {
    static func config(_ port: Int, _ server: String) -> String {
        """
        defaults
            mode http
            timeout connect 1s
            timeout client 3s
            timeout server 2s
        frontend f
            bind 127.0.0.1:\(port)
            http-request set-header X-Proto h2-or-not
            default_backend b
        backend b
            compression algo gzip
            server s \(server)

        """
    }

    static let replies: [String: ScriptedBackend.Reply] = [
        "/json": .init("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nX-App: 1\r\nContent-Length: 13\r\n\r\n{\"ok\": true }"),
        "/404": .init("HTTP/1.1 404 Not Found\r\nContent-Length: 2\r\n\r\nno"),
        "/chunked": .init("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n"),
    ]

    func testRequestsAndResponsesMatchHAProxy() async throws {
        let curl = try XCTUnwrap(Programs.path("curl"), "curl is not installed (bash .ci/run installs it)")
        let replies = Self.replies
        let pair = try await ProxyPair(Self.config) { path in replies[path] ?? .ok }
        let cases: [[String]] = [
            ["/json"], ["/404"], ["/chunked"], ["/json", "--compressed"], ["/post", "--data-binary", "a body"],
            ["/post-chunked", "--data-binary", "@-", "-H", "Content-Length:"],
        ]
        var disagreements: [String] = []
        for arguments in cases {
            var seen: [String] = []
            for port in [pair.haproxyPort, pair.enginePort] {
                let output = try ToolOutput.run(curl, ["-sS", "-D", "-", "--http2-prior-knowledge", "-o", "/dev/null",
                                            "http://127.0.0.1:\(port)" + arguments[0]] + arguments.dropFirst(), input: "streamed body")
                seen.append(Self.normalised(output))
            }
            usleep(50_000)
            // Each proxy's own port is in Host; HAProxy writes `transfer-encoding` after the headers the rules add, the engine before.
            let sent = (pair.haproxyBackend.takeRequests().map { Self.unordered($0, port: pair.haproxyPort) },
                        pair.engineBackend.takeRequests().map { Self.unordered($0, port: pair.enginePort) })
            if seen[0] != seen[1] { disagreements.append("\(arguments): client saw\n  haproxy \(seen[0])\n  engine  \(seen[1])") }
            if sent.0 != sent.1 { disagreements.append("\(arguments): server got\n  haproxy \(sent.0)\n  engine  \(sent.1)") }
            XCTAssertTrue(seen[1].hasPrefix("HTTP/2 "), seen[1])
        }
        await pair.shutdown()
        XCTAssertEqual(disagreements, [], disagreements.joined(separator: "\n"))
    }

    /// A recorded request with its lines sorted and the proxy's port replaced.
    static func unordered(_ request: String, port: Int) -> String {
        request.replacingOccurrences(of: ":\(port)", with: ":PORT").components(separatedBy: "\n").sorted().joined(separator: "\n")
    }

    /// The status line and the header lines, sorted, without `date`.
    static func normalised(_ head: String) -> String {
        let lines = head.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        guard let status = lines.first else { return "" }
        return ([status.trimmingCharacters(in: .whitespaces)] + lines.dropFirst().map { $0.lowercased() }.filter { !$0.hasPrefix("date:") }.sorted())
            .joined(separator: " | ")
    }
}
