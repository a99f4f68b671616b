import Foundation

/// Clients sending `GET /` on a new connection each (`Connection: close`) to
/// 127.0.0.1:`port` until stopped or `limit` seconds pass, counting every
/// answer relayed from an `AnsweringBackend` and every failure: a refused
/// connection, a connection closed or reset without an answer, another answer.
/// With a `rate`, the clients share a fixed schedule (client i of n sends its
/// k-th request at start + (k·n + i)/rate), as an open-loop load generator
/// does: a slow answer delays that client's next request, never the others'.
/// Without one, each client sends its next request as soon as it has an answer.
public final class RequestLoad: @unchecked Sendable {
    private let lock = NSLock()
    private var running = true
    private var started = Date()
    private var ended: Date?
    private(set) public var succeeded = 0
    /// Connections the proxy refused (connect failed).
    private(set) public var refused = 0
    /// Every failure, described (refusals included).
    private(set) public var failures: [String] = []
    private let group = DispatchGroup()

    public init(port: Int, clients: Int, rate: Double? = nil, limit: Double) {
        let deadline = Date().addingTimeInterval(limit)
        let request = "GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
        started = Date()
        for client in 0..<clients {
            group.enter()
            Thread.detachNewThread { [self] in
                var next = started.addingTimeInterval(rate.map { Double(client) / $0 } ?? 0)
                while lock.withLock({ running }), Date() < deadline {
                    if let rate {
                        let wait = next.timeIntervalSinceNow
                        if wait > 0 { usleep(UInt32(wait * 1_000_000)) }
                        next = next.addingTimeInterval(Double(clients) / rate)
                    }
                    guard let descriptor = Loopback.connect(port: port) else {
                        lock.withLock {
                            refused += 1
                            failures.append("refused")
                        }
                        continue
                    }
                    Loopback.send(descriptor, request)
                    let response = Loopback.readAll(descriptor, seconds: 5)
                    close(descriptor)
                    lock.withLock {
                        if AnsweringBackend.answered(response) {
                            succeeded += 1
                        } else {
                            failures.append(response.isEmpty ? "closed or reset without an answer" : String(response.prefix(60)))
                        }
                    }
                }
                group.leave()
            }
        }
    }

    /// Stops the clients and waits for their last requests.
    public func stop() {
        lock.withLock { running = false }
        group.wait()
        lock.withLock { if ended == nil { ended = Date() } }
    }

    /// Requests sent (answered or failed) per second, from the start to `stop()`.
    public var achievedRate: Double {
        lock.withLock {
            let seconds = (ended ?? Date()).timeIntervalSince(started)
            return seconds > 0 ? Double(succeeded + failures.count) / seconds : 0
        }
    }

    /// One line for the test's output: requests, rate, failures.
    public var summary: String {
        let total = lock.withLock { succeeded + failures.count }
        return "\(total) requests at \(Int(achievedRate.rounded()))/s, \(failures.count) failed (\(refused) refused)"
    }
}
