import NIOCore
import RuntimePlan

/// The stats page on an HTTP/1 connection: the request (and a posted form)
/// is taken off the input, the page answers once the counters are read, and
/// the connection closes after it.
extension ClientConnectionHandler {
    /// The longest admin form read (HAProxy answers `;st=EXCD` past its buffer).
    static let statsFormLimit = 16_384

    /// Whether `head` is a POST to the stats page whose form has not fully arrived yet.
    func statsBodyIncomplete(_ head: H1Head, _ bytes: ByteBuffer) -> Bool {
        guard let page = shared.statsPage, case .length(let length) = head.requestBody, length <= Self.statsFormLimit,
              head.method == .post else { return false }
        let target = head.string(head.second, in: bytes)
        let path = String(target.prefix { $0 != "?" })
        guard page.intercepts(method: "POST", path: path, target: target) != nil else { return false }
        return bytes.readableBytes < head.length + Int(length)
    }

    func answerStats(_ page: StatsPage, _ request: StatsPage.Request, _ head: H1Head, _ bytes: inout ByteBuffer,
                     _ facts: RequestFacts, _ context: ChannelHandlerContext) {
        bytes.moveReaderIndex(forwardBy: head.length)
        var body = ""
        if case .length(let length) = head.requestBody, length <= Self.statsFormLimit, bytes.readableBytes >= Int(length) {
            body = bytes.readString(length: Int(length)) ?? ""
        }
        input = nil
        machine.closing()
        page.respond(request, facts: facts, body: body, http11: head.isHTTP11, engine: engine, on: context.eventLoop)
            .assumeIsolated().whenSuccess { [weak self] reply in self?.answer(reply, keepOpen: false) }
    }

    /// The Prometheus exporter's answer (`http-request use-service prometheus-exporter`); the request body is dropped.
    func answerMetrics(_ head: H1Head, _ bytes: inout ByteBuffer, _ facts: RequestFacts, _ context: ChannelHandlerContext) {
        bytes.moveReaderIndex(forwardBy: head.length)
        input = nil
        machine.closing()
        PrometheusExporter().respond(query: facts.query, engine: engine, on: context.eventLoop)
            .assumeIsolated().whenSuccess { [weak self] reply in self?.answer(reply, keepOpen: false) }
    }
}
