import Foundation
import NIOCore
import NIOPosix
import RuntimePlan

/// Runs one health check against one server: connect, then the HTTP
/// request or `tcp-check` script, and judges the answer.
struct HealthProbe: Sendable {
    let check: HealthCheckPlan
    /// The server's address; `checkPort` (the `port` option) replaces an IP server's port.
    let server: SocketEndpoint
    let checkPort: Int?
    let connectTimeoutMs: Int
    let responseTimeoutMs: Int
    /// Makes the TLS handler of a check over TLS (`check-ssl`, or `ssl` without a check port).
    var tls: (@Sendable () throws -> ChannelHandler)?

    /// Succeeds with nil on a pass, or with the reason of the failure.
    func run(on loop: EventLoop) -> EventLoopFuture<String?> {
        switch check.kind {
        case .connect:
            return open(port: checkPort, on: loop).flatMap { collector in
                // Over TLS the check passes when the handshake does (HAProxy's Layer6 check).
                let handshake = (try? collector.channel.pipeline.syncOperations.handler(type: TLSHandshakeWaiter.self))?.completed
                    ?? loop.makeSucceededVoidFuture()
                return handshake.always { _ in collector.channel.close(promise: nil) }.map { nil }
            }.recover(EngineErrorText.checkFailure)
        case .http:
            let request = check.request ?? HTTPCheckRequest()
            return open(port: checkPort, on: loop).flatMap { collector in
                let host = server.inetHost ?? "localhost"
                return collector.channel.writeAndFlush(ByteBuffer(string: Self.requestText(request, host: host))).flatMap {
                    collector.receiveAll(timeoutMs: responseTimeoutMs)
                }.always { _ in collector.channel.close(promise: nil) }
            }.map { data in judgeHTTP(data) }.recover(EngineErrorText.checkFailure)
        case .tcpScript:
            return runScript(on: loop)
        }
    }

    static func requestText(_ request: HTTPCheckRequest, host: String) -> String {
        var text = "\(request.method) \(request.uri) \(request.version)\r\n"
        for header in request.headers { text += "\(header.name): \(header.value)\r\n" }
        if request.version == "HTTP/1.1" {
            if !request.headers.contains(where: { $0.name.lowercased() == "host" }) { text += "host: \(host)\r\n" }
            text += "connection: close\r\n"
        }
        if let body = request.body { text += "content-length: \(body.utf8.count)\r\n\r\n\(body)" } else { text += "\r\n" }
        return text
    }

    /// The check passes on a 2xx or 3xx status, or when every `http-check expect` holds.
    func judgeHTTP(_ data: String) -> String? {
        let statusLine = data.split(separator: "\r\n", maxSplits: 1).first.map(String.init) ?? ""
        let words = statusLine.split(separator: " ")
        guard words.count >= 2, words[0].hasPrefix("HTTP/"), let status = Int(words[1]) else {
            return "Layer7 invalid response"
        }
        let body = data.range(of: "\r\n\r\n").map { String(data[$0.upperBound...]) } ?? ""
        let failure: String?
        if check.expectations.isEmpty {
            failure = (200..<400).contains(status) ? nil : "Layer7 wrong status, code: \(status)"
        } else {
            failure = check.expectations.first { !Self.holds($0, status: String(status), body: body) }.map { expectation in
                "Layer7 wrong status or content, code: \(status), expected \(expectation.kind.rawValue) \(expectation.pattern)"
            }
        }
        // `http-check disable-on-404`: a 404 that fails the check may pass it conditionally (`HealthChecker` decides).
        if failure != nil, status == 404, check.disableOn404 == true { return Self.conditionalPass }
        return failure
    }

    /// The result of a 404 under `http-check disable-on-404`: HAProxy's L7OKC description.
    static let conditionalPass = "Layer7 check conditionally passed"

    static func holds(_ expectation: CheckExpectation, status: String, body: String) -> Bool {
        let result: Bool
        switch expectation.kind {
        case .status:
            result = expectation.pattern.split(separator: ",").contains { item in
                let bounds = item.split(separator: "-")
                if bounds.count == 2, let low = Int(bounds[0]), let high = Int(bounds[1]), let value = Int(status) {
                    return (low...high).contains(value)
                }
                return item == status
            }
        case .statusRegex: result = status.range(of: expectation.pattern, options: .regularExpression) != nil
        case .string: result = body.contains(expectation.pattern)
        case .stringRegex: result = body.range(of: expectation.pattern, options: .regularExpression) != nil
        case .binary: result = body.utf8.map { String(format: "%02X", $0) }.joined().contains(expectation.pattern.uppercased())
        }
        return result != expectation.negated
    }

    private func runScript(on loop: EventLoop) -> EventLoopFuture<String?> {
        var steps = check.steps[...]
        var firstPort = checkPort
        if let first = steps.first, first.action == .connect {
            firstPort = first.port ?? checkPort
            steps = steps.dropFirst()
        }
        let remaining = Array(steps)
        return open(port: firstPort, on: loop).flatMap { collector in
            Self.perform(remaining[...], collector, timeoutMs: responseTimeoutMs, loop: loop)
                .always { _ in collector.channel.close(promise: nil) }
        }.recover(EngineErrorText.checkFailure)
    }

    private static func perform(_ steps: ArraySlice<TCPCheckStep>, _ collector: ResponseCollector, timeoutMs: Int,
                                loop: EventLoop) -> EventLoopFuture<String?> {
        guard let step = steps.first else { return loop.makeSucceededFuture(nil) }
        let rest = steps.dropFirst()
        switch step.action {
        case .connect:
            return perform(rest, collector, timeoutMs: timeoutMs, loop: loop)
        case .send, .sendBinary:
            let text = step.data ?? ""
            var buffer = ByteBuffer()
            if step.action == .send { buffer.writeString(text) } else { buffer.writeBytes(hexBytes(text)) }
            return collector.channel.writeAndFlush(buffer).flatMap { perform(rest, collector, timeoutMs: timeoutMs, loop: loop) }
        case .expect:
            guard let expectation = step.expect else { return perform(rest, collector, timeoutMs: timeoutMs, loop: loop) }
            return collector.receive(until: { holds(expectation, status: "", body: $0) }, timeoutMs: timeoutMs).flatMap { ok in
                ok ? perform(rest, collector, timeoutMs: timeoutMs, loop: loop)
                    : loop.makeSucceededFuture("TCPCHK did not match content '\(expectation.pattern)'")
            }
        }
    }

    static func hexBytes(_ text: String) -> [UInt8] {
        var bytes: [UInt8] = []
        var index = text.startIndex
        while index < text.endIndex, let next = text.index(index, offsetBy: 2, limitedBy: text.endIndex) {
            if let byte = UInt8(text[index..<next], radix: 16) { bytes.append(byte) }
            index = next
        }
        return bytes
    }

    /// Where a check connects: the server, on `port` when one is given (IP servers only).
    static func target(_ server: SocketEndpoint, port: Int?) -> SocketEndpoint {
        guard let port, let host = server.inetHost else { return server }
        return .inet(host: host, port: port)
    }

    private func open(port: Int?, on loop: EventLoop) -> EventLoopFuture<ResponseCollector> {
        let collector = ResponseCollector()
        return ClientBootstrap(group: loop)
            .connectTimeout(.milliseconds(Int64(connectTimeoutMs)))
            .channelInitializer { [tls] channel in
                channel.eventLoop.makeCompletedFuture {
                    if let tls {
                        try channel.pipeline.syncOperations.addHandler(try tls())
                        try channel.pipeline.syncOperations.addHandler(TLSHandshakeWaiter(channel.eventLoop))
                    }
                    try channel.pipeline.syncOperations.addHandler(collector)
                }
            }
            .connect(to: Self.target(server, port: port), on: loop)
            .map { channel in
                collector.channel = channel
                return collector
            }
    }
}
