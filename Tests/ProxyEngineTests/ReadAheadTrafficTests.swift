import Foundation
import NIOCore
@testable import ProxyEngine
import WeirTestSupport
import XCTest

/// A client is read on while its request is at the server (the engine keeps
/// the socket's read interest instead of dropping and taking it again per
/// request): what it sends meanwhile waits, up to `tune.bufsize`, and is
/// answered after the response in progress, in order; beyond that, reading
/// waits for the response.
final class ReadAheadTrafficTests: XCTestCase {
    private var harness: EngineHarness!
    private var serverPort = 0

    override func tearDown() async throws {
        await harness?.shutdown()
    }

    private func startEngine() async throws -> Int {
        harness = EngineHarness(threads: EngineHarness.environmentThreads)
        serverPort = Loopback.freePort()
        try harness.startBackend("a", port: serverPort)
        let port = Loopback.freePort()
        try await harness.startEngine("""
            global
                tune.bufsize 16384
            defaults
                mode http
                timeout connect 1s
                timeout client 5s
                timeout server 5s
            frontend f
                bind 127.0.0.1:\(port)
                default_backend pool
            backend pool
                server a 127.0.0.1:\(serverPort)

            """)
        return port
    }

    /// The `/hello` answers in a reply, counted.
    private func answers(_ text: String) -> Int { text.components(separatedBy: "\r\n\r\nhello\n").count - 1 }

    func testARequestSentWhileTheFirstIsAtTheServerIsAnsweredAfterIt() async throws {
        let port = try await startEngine()
        let fd = try XCTUnwrap(Loopback.connect(port: port))
        defer { close(fd) }
        Loopback.send(fd, "GET /slow?ms=400 HTTP/1.1\r\nHost: a\r\n\r\n")
        try await Task.sleep(for: .milliseconds(150))
        Loopback.send(fd, "GET /hello HTTP/1.1\r\nHost: a\r\n\r\n")
        let reply = Loopback.readUntil(fd, "hello\n", seconds: 5)
        let slow = try XCTUnwrap(reply.range(of: "\r\n\r\na\n"), reply)
        let hello = try XCTUnwrap(reply.range(of: "\r\n\r\nhello\n"), reply)
        XCTAssertLessThan(slow.lowerBound, hello.lowerBound, "answered in order")
        XCTAssertEqual(reply.components(separatedBy: "HTTP/1.1 200 ").count - 1, 2, reply)
    }

    func testMoreThanABufferSentMeanwhileIsAnsweredWhole() async throws {
        let port = try await startEngine()
        let fd = try XCTUnwrap(Loopback.connect(port: port))
        defer { close(fd) }
        Loopback.send(fd, "GET /slow?ms=400 HTTP/1.1\r\nHost: a\r\n\r\n")
        try await Task.sleep(for: .milliseconds(100))
        // Ten requests of 4 KB each: 40 KB, more than one 16 KB buffer, sent while the first is at the server.
        let padded = "GET /hello HTTP/1.1\r\nHost: a\r\nX-Pad: " + String(repeating: "p", count: 4000) + "\r\n\r\n"
        Loopback.send(fd, String(repeating: padded, count: 10))
        var reply = ""
        let deadline = Date().addingTimeInterval(10)
        while answers(reply) < 10, Date() < deadline {
            let more = Loopback.readUntil(fd, "hello\n", seconds: 1)
            if more.isEmpty { break }
            reply += more
        }
        XCTAssertTrue(reply.hasPrefix("HTTP/1.1 200 "), reply)
        XCTAssertEqual(answers(reply), 10, "every request sent meanwhile is answered")
    }
}
