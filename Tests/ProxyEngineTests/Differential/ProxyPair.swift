import Foundation
import WeirTestSupport
import XCTest
#if canImport(Glibc)
import Glibc
#endif

/// The real haproxy and the engine on the same configuration, each in front
/// of its own scripted backend answering the same script, so what each proxy
/// answers and forwards can be compared.
final class ProxyPair: @unchecked Sendable {
    /// What a client and the backend saw of one exchange.
    struct Observed: Equatable, CustomStringConvertible {
        /// Statuses of the responses, in order.
        var statuses: [Int]
        /// Whether the proxy closed the client connection.
        var closed: Bool
        /// The requests the backend received, normalised (see `RecordedRequest`).
        var backend: [String]
        /// What the client received, for messages.
        var raw: String

        static func == (left: Observed, right: Observed) -> Bool {
            left.statuses == right.statuses && left.closed == right.closed && left.backend == right.backend
        }

        var description: String { "statuses \(statuses), \(closed ? "closed" : "kept"), backend \(backend)" }
    }

    let haproxyPort: Int
    let enginePort: Int
    let haproxyBackend: ScriptedBackend
    let engineBackend: ScriptedBackend
    private let reference: BackgroundProcess
    private let harness: EngineHarness
    private let file: URL

    /// `sections(port, server)` is the configuration with a proxy's port and its backend's address.
    /// `engineThreads`: the engine's event loops whatever the configuration's `nbthread` (which haproxy reads).
    convenience init(_ sections: (Int, String) -> String, engineThreads: Int? = nil,
                     script: @escaping @Sendable (String) -> ScriptedBackend.Reply) async throws {
        try await self.init(sections, engineThreads: engineThreads, makeScript: { script })
    }

    /// `makeScript` gives each backend a script of its own (for scripts that keep state, such as "503, then 200").
    init(_ sections: (Int, String) -> String, engineThreads: Int? = nil,
         makeScript: () -> @Sendable (String) -> ScriptedBackend.Reply) async throws {
        let haproxy = try XCTUnwrap(Programs.path("haproxy"), "haproxy is not installed (bash .ci/run installs it)")
        haproxyBackend = try ScriptedBackend(script: makeScript())
        engineBackend = try ScriptedBackend(script: makeScript())
        haproxyPort = Loopback.freePort()
        enginePort = Loopback.freePort()
        file = FileManager.default.temporaryDirectory.appendingPathComponent("weir-differential-\(UUID().uuidString).cfg")
        try sections(haproxyPort, "127.0.0.1:\(haproxyBackend.port)").write(to: file, atomically: true, encoding: .utf8)
        reference = try BackgroundProcess(haproxy, ["-db", "-f", file.path])
        harness = EngineHarness(threads: engineThreads)
        try await harness.startEngine(sections(enginePort, "127.0.0.1:\(engineBackend.port)"))
        XCTAssertTrue(Loopback.waitForListener(port: haproxyPort), reference.output)
        // The listener probe above is an empty connection; let both proxies forget it.
        usleep(100_000)
        _ = haproxyBackend.takeRequests()
    }

    func shutdown() async {
        reference.stop()
        await harness.shutdown()
        haproxyBackend.stop()
        engineBackend.stop()
        try? FileManager.default.removeItem(at: file)
    }

    /// Sends the same bytes to both proxies at once; returns what haproxy and the engine did.
    func exchange(_ bytes: [UInt8], settle: Double = 0.4) -> (haproxy: Observed, engine: Observed) {
        let results = NSLockedBox<[Int: Observed]>([:])
        DispatchQueue.concurrentPerform(iterations: 2) { side in
            let port = side == 0 ? haproxyPort : enginePort
            let backend = side == 0 ? haproxyBackend : engineBackend
            let (text, closed) = Self.send(bytes, port: port, settle: settle)
            usleep(50_000)
            let observed = Observed(statuses: Self.statuses(text), closed: closed, backend: backend.takeRequests(), raw: text)
            results.mutate { $0[side] = observed }
        }
        let both = results.value
        return (both[0]!, both[1]!)
    }

    /// Writes the bytes, then reads until the proxy closes or stays silent for `settle` seconds.
    static func send(_ bytes: [UInt8], port: Int, settle: Double) -> (String, Bool) {
        guard let fd = Loopback.connect(port: port) else { return ("", true) }
        defer { close(fd) }
        var timeout = timeval(tv_sec: 0, tv_usec: 50_000)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var offset = 0
        while offset < bytes.count {
            let sent = bytes[offset...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if sent <= 0 { break }
            offset += sent
        }
        var received = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: 65536)
        var lastData = Date()
        let deadline = Date().addingTimeInterval(5)
        while Date() < deadline, Date().timeIntervalSince(lastData) < settle {
            let count = recv(fd, &buffer, buffer.count, 0)
            if count == 0 { return (String(decoding: received, as: UTF8.self), true) }
            if count < 0 {
                if errno == ECONNRESET { return (String(decoding: received, as: UTF8.self), true) }
                continue
            }
            received += buffer[0..<count]
            lastData = Date()
        }
        return (String(decoding: received, as: UTF8.self), false)
    }

    /// The status codes of the responses in a stream (bodies of these tests never contain a status line).
    static func statuses(_ text: String) -> [Int] {
        var found: [Int] = []
        var rest = Substring(text)
        while let range = rest.range(of: "HTTP/1.") {
            let line = rest[range.upperBound...].prefix(5)
            if line.count == 5, line.dropFirst().first == " ", let code = Int(line.dropFirst(2)) { found.append(code) }
            rest = rest[range.upperBound...]
        }
        return found
    }
}

/// A value behind a lock, for the two sides of an exchange.
final class NSLockedBox<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Value

    init(_ value: Value) { stored = value }

    var value: Value {
        lock.lock()
        defer { lock.unlock() }
        return stored
    }

    func mutate(_ change: (inout Value) -> Void) {
        lock.lock()
        change(&stored)
        lock.unlock()
    }
}
