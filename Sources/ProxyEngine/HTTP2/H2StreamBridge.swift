import NIOCore
import NIOHTTP1
import NIOHTTP2

/// Between one HTTP/2 stream (as `HTTP2FramePayloadToHTTP1ServerCodec` gives
/// it) and the HTTP/1 transaction handler: the request goes in as HTTP/1.1
/// bytes (`Host` from `:authority`, cookies on one line, a body without a length chunked,
/// `connection: close` so the handler ends the stream after one response);
/// the response bytes the handler writes are parsed back into a head, body
/// pieces and the end of the stream, without the HTTP/1 connection headers
/// HTTP/2 forbids. Interim (1xx) responses are not passed on; CONNECT is refused (the stream is reset).
final class H2StreamBridge: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias InboundOut = ByteBuffer
    typealias OutboundIn = ByteBuffer
    typealias OutboundOut = HTTPServerResponsePart

    /// Header fields of HTTP/1 that HTTP/2 forbids (RFC 9113 §8.2.2).
    static let connectionFields: Set<String> = ["connection", "keep-alive", "proxy-connection", "transfer-encoding", "upgrade"]

    private var pendingHead: HTTPRequestHead?
    private var chunkedRequest = false
    private var requestMethod = H1Method.get
    private var response = ByteBuffer()
    private var responseFramer: H1BodyFramer?
    private var responseEnded = false

    // MARK: Request: HTTP/2 parts in, HTTP/1.1 bytes out

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            // CONNECT (a tunnel inside a stream) is not run over HTTP/2: the stream is reset.
            if head.method == .CONNECT { return context.close(promise: nil) }
            pendingHead = head
            requestMethod = head.method == .HEAD ? .head : .get
        case .body(var body):
            if let head = pendingHead {
                pendingHead = nil
                chunkedRequest = !head.headers.contains(name: "content-length")
                context.fireChannelRead(wrapInboundOut(Self.requestHead(head, chunked: chunkedRequest)))
            }
            guard body.readableBytes > 0 else { return }
            if chunkedRequest {
                var framed = ByteBuffer(string: String(body.readableBytes, radix: 16) + "\r\n")
                framed.writeBuffer(&body)
                framed.writeString("\r\n")
                context.fireChannelRead(wrapInboundOut(framed))
            } else {
                context.fireChannelRead(wrapInboundOut(body))
            }
        case .end:
            if let head = pendingHead {
                pendingHead = nil
                context.fireChannelRead(wrapInboundOut(Self.requestHead(head, chunked: false)))
            } else if chunkedRequest {
                context.fireChannelRead(wrapInboundOut(ByteBuffer(string: "0\r\n\r\n")))
            }
        }
    }

    static func requestHead(_ head: HTTPRequestHead, chunked: Bool) -> ByteBuffer {
        var bytes = ByteBuffer()
        bytes.writeString("\(head.method.rawValue) \(head.uri) HTTP/1.1\r\n")
        var cookies: [String] = []
        for (name, value) in head.headers where !connectionFields.contains(name.lowercased()) {
            if name.lowercased() == "cookie" {
                cookies.append(value)
            } else {
                bytes.writeString("\(name): \(value)\r\n")
            }
        }
        // HTTP/2 may split cookies over several fields; HTTP/1 wants one line (RFC 9113 §8.2.3), as HAProxy writes it.
        if !cookies.isEmpty { bytes.writeString("cookie: \(cookies.joined(separator: "; "))\r\n") }
        if chunked { bytes.writeString("transfer-encoding: chunked\r\n") }
        bytes.writeString("connection: close\r\n\r\n")
        return bytes
    }

    // MARK: Response: HTTP/1.1 bytes in, HTTP/2 parts out

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        var bytes = unwrapOutboundIn(data)
        response.writeBuffer(&bytes)
        do {
            try relayResponse(context)
            promise?.succeed(())
        } catch {
            promise?.fail(error)
            context.close(promise: nil)
        }
    }

    func close(context: ChannelHandlerContext, mode: CloseMode, promise: EventLoopPromise<Void>?) {
        // A body delimited by the server's close ends the stream cleanly; anything else cut short resets it.
        if let framer = responseFramer, !responseEnded, framer.isUntilClose {
            responseEnded = true
            context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
        }
        context.close(mode: mode, promise: promise)
    }

    private func relayResponse(_ context: ChannelHandlerContext) throws {
        while !responseEnded {
            if responseFramer == nil {
                let parser = H1HeadParser(kind: .response, limits: H1Limits())
                switch response.withUnsafeReadableBytes({ parser.parse($0) }) {
                case .incomplete: return
                case .invalid(let error): throw error
                case .complete(let head):
                    defer { response.moveReaderIndex(forwardBy: head.length) }
                    if (100..<200).contains(head.status) { continue }
                    var headers = HTTPHeaders()
                    for field in head.fields {
                        let name = head.string(field.name, in: response).lowercased()
                        if !Self.connectionFields.contains(name) { headers.add(name: name, value: head.string(field.value, in: response)) }
                    }
                    context.write(wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: .init(statusCode: head.status),
                                                                          headers: headers))), promise: nil)
                    responseFramer = H1BodyFramer(head.responseBody(to: requestMethod))
                }
                continue
            }
            let payload = responseFramer!.isInPayload
            switch try responseFramer!.next(&response) {
            case .forward(let piece):
                if payload { context.write(wrapOutboundOut(.body(.byteBuffer(piece))), promise: nil) }
            case .needMore:
                return
            case .end:
                responseEnded = true
                response.clear()
                context.write(wrapOutboundOut(.end(nil)), promise: nil)
            }
        }
    }
}
