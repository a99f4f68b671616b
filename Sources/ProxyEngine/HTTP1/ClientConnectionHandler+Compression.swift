import NIOCore
import RuntimePlan

/// HTTP compression on the HTTP/1 data path: the algorithm is chosen from the
/// request as forwarded (after the rules), the response head is judged and
/// rewritten, and the body is compressed piece by piece as it streams.
extension ClientConnectionHandler {
    /// The algorithm the request accepts, removing `Accept-Encoding` toward the server with `compression offload`.
    func requestCompression(_ head: H1Head, _ bytes: ByteBuffer, _ request: RequestFacts, backend: Int,
                            edits: inout H1HeadEdits) -> CompressionAlgorithm? {
        guard let policy = CompressionPolicy(frontend: frontend.compression,
                                             backend: engine.plan.backends[backend].compression) else { return nil }
        let accepted = request.headerValues("accept-encoding")
        let algorithm = policy.algorithm(acceptEncoding: accepted, userAgent: request.fullHeaderValues("user-agent").first)
        if policy.offload, algorithm != nil, policy.negotiated(accepted) != nil {
            for (position, field) in head.fields.enumerated()
            where H1Bytes.equalsLowercased(head.bytes(field.name, in: bytes), "accept-encoding") {
                edits.removed.insert(position)
            }
            edits.added.removeAll { $0.name.lowercased() == "accept-encoding" }
        }
        return algorithm
    }

    /// Decides whether the response is compressed; when it is, changes its head as HAProxy does
    /// (src/flt_http_comp.c `set_compression_response_header`) and sets up the compressor.
    func startCompression(_ head: H1Head, _ bytes: ByteBuffer, _ body: H1BodyKind, _ exchange: ServerExchange,
                          edits: inout H1HeadEdits) {
        guard let algorithm = exchange.compression,
              let policy = CompressionPolicy(frontend: frontend.compression,
                                             backend: engine.plan.backends[exchange.backendIndex].compression) else { return }
        var facts = CompressionResponseFacts(status: head.status, isHTTP11: head.isHTTP11, requestIsHTTP11: exchange.requestIsHTTP11,
                                             requestIsHead: exchange.method == .head, hasDelimitedBody: false,
                                             hasContentEncoding: false, cacheControl: [], etags: [], contentType: nil)
        switch body {
        case .length, .chunked: facts.hasDelimitedBody = true
        case .none, .untilClose, .tunnel: facts.hasDelimitedBody = false
        }
        var etagPosition: Int?
        for (position, field) in head.fields.enumerated() where !head.droppedFields.contains(position) {
            let name = head.bytes(field.name, in: bytes)
            if H1Bytes.equalsLowercased(name, "content-encoding") {
                facts.hasContentEncoding = true
            } else if H1Bytes.equalsLowercased(name, "cache-control") {
                facts.cacheControl += H1Bytes.listItems(head.bytes(field.value, in: bytes)).map { String(decoding: $0, as: UTF8.self) }
            } else if H1Bytes.equalsLowercased(name, "etag") {
                facts.etags.append(head.string(field.value, in: bytes))
                etagPosition = etagPosition ?? position
            } else if facts.contentType == nil, H1Bytes.equalsLowercased(name, "content-type") {
                facts.contentType = head.string(field.value, in: bytes)
            }
        }
        guard policy.compresses(facts) else { return }
        edits.removed.formUnion(head.contentLengthFields)
        if let etagPosition, let etag = facts.etags.first, etag.hasPrefix("\"") { edits.replaced[etagPosition] = "W/" + etag }
        if !head.isChunked { edits.added.append(("transfer-encoding", "chunked")) }
        edits.added.append(("vary", "Accept-Encoding"))
        if algorithm != .identity { edits.added.append(("content-encoding", algorithm.token)) }
        exchange.compressor = ResponseCompressor(algorithm)
    }

    /// Writes a piece of a compressed response: payload is compressed into a
    /// chunk, the server's chunk framing is dropped, its last chunk (with any
    /// trailers) follows the end of the compressed stream.
    func writeCompressed(_ piece: ByteBuffer, isPayload: Bool, _ compressor: ResponseCompressor, _ exchange: ServerExchange,
                         _ context: ChannelHandlerContext) {
        if isPayload {
            if let chunk = compressor.chunk(piece) { context.write(NIOAny(chunk), promise: nil) }
        } else if exchange.responseFramer?.isDone == true {
            context.write(NIOAny(compressor.end(lastChunk: piece)), promise: nil)
        }
    }
}
