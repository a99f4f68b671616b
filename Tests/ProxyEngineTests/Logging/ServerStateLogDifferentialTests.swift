import Foundation
#if canImport(Glibc)
import Glibc
#endif
import WeirTestSupport
import XCTest

/// A server whose checks fail, behind the real haproxy 2.6 and the engine:
/// both send the same DOWN message (alert) and "no server available"
/// (emerg) to their backend's syslog target; only the check duration and
/// the header's date and pid may differ. When the server listens again, both
/// send the same UP message (notice).
final class ServerStateLogDifferentialTests: XCTestCase {
    func testServerDownMessagesAgreeWithHAProxy() async throws {
        let dead = try await DeadServerLogPair.start(backendLines: """
                server gone 127.0.0.1:PORT check inter 200 fall 1 rise 1
            """)
        let (pair, receivers, deadPort) = (dead.pair, dead.receivers, dead.deadPort)
        let expected = ["is DOWN", "has no server available"]
        var lines: [[String]] = [[], []]
        for side in 0..<2 {
            while lines[side].count < expected.count, let message = receivers[side].next(seconds: 5) {
                if expected.contains(where: message.contains) { lines[side].append(Self.normalized(message)) }
            }
        }
        // The server comes back: both log it UP (notice) with the same counts.
        let listener = Self.listen(port: deadPort)
        defer { close(listener) }
        var upLines: [String?] = [nil, nil]
        for side in 0..<2 {
            while upLines[side] == nil, let message = receivers[side].next(seconds: 5) {
                if message.contains("is UP") { upLines[side] = Self.normalized(message) }
            }
        }
        await pair.shutdown()
        XCTAssertEqual(lines[0].count, 2, "haproxy: \(lines[0])")
        XCTAssertEqual(lines[1], lines[0])
        XCTAssertNotNil(upLines[0], "haproxy did not log the server UP")
        XCTAssertEqual(upLines[1], upLines[0])
    }

    /// A listening socket whose backlog completes the checks' connections.
    static func listen(port: Int) -> Int32 {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var reuse: Int32 = 1
        setsockopt(descriptor, SOL_SOCKET, SO_REUSEADDR, &reuse, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = UInt16(port).bigEndian
        _ = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        Glibc.listen(descriptor, 128)
        return descriptor
    }

    static func normalized(_ datagram: String) -> String {
        datagram
            .replacingOccurrences(of: #"^(<\d+>)[A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d (\S+)\[\d+\]: "#, with: "$1$2: ",
                                  options: .regularExpression)
            .replacingOccurrences(of: #"check duration: \d+ms"#, with: "check duration: Nms", options: .regularExpression)
    }
}
