import NIOCore
import NIOHTTP1
import NIOHTTP2
import RuntimePlan

/// HTTP/2 toward clients: the connection speaks HTTP/2 through swift-nio-http2
/// and each stream becomes one ordinary HTTP/1.1 transaction of the frontend
/// (`ClientConnectionHandler` on the stream's channel, behind `H2StreamBridge`),
/// so rules, routing, queues, limits and compression are the same as for
/// HTTP/1.1, and servers are reached over HTTP/1.1.
///
/// The entry point for every way a connection becomes HTTP/2: the preface on
/// a clear or TLS bind (`H2PrefaceDetector`), and ALPN `h2` on a TLS bind
/// (`ALPNProtocolSwitch`, with the TLS handler already in place).
enum H2Pipeline {
    /// The settings the engine announces in its first SETTINGS frame: `tune.h2.*` (HAProxy 2.6's
    /// defaults when not written), sent as HAProxy sends them (a value at the protocol's default is
    /// left out, no stream limit when `max-concurrent-streams` is 0, frames no larger than a buffer),
    /// plus what HAProxy does without saying: no server push, and a header list no larger than a
    /// buffer (`tune.bufsize`).
    static func settings(_ tuning: HTTP2Tuning, bufferSize: Int) -> HTTP2Settings {
        var settings = [HTTP2Setting(parameter: .enablePush, value: 0)]
        if tuning.headerTableSize != 4_096 { settings.append(HTTP2Setting(parameter: .headerTableSize, value: tuning.headerTableSize)) }
        if tuning.initialWindowSize != 65_535 {
            settings.append(HTTP2Setting(parameter: .initialWindowSize, value: windowSize(tuning)))
        }
        if tuning.maxConcurrentStreams != 0 {
            settings.append(HTTP2Setting(parameter: .maxConcurrentStreams, value: tuning.maxConcurrentStreams))
        }
        // The protocol has no frame smaller than 16384 bytes, whatever the buffers.
        let frameSize = max(16_384, min(tuning.maxFrameSize ?? bufferSize, bufferSize, 16_777_215))
        if frameSize != 16_384 { settings.append(HTTP2Setting(parameter: .maxFrameSize, value: frameSize)) }
        settings.append(HTTP2Setting(parameter: .maxHeaderListSize, value: bufferSize))
        return settings
    }

    /// The stream window announced and kept, within what the protocol allows (2^31 - 1).
    static func windowSize(_ tuning: HTTP2Tuning) -> Int { min(tuning.initialWindowSize, Int(Int32.max)) }

    /// Adds the HTTP/2 handlers to a connection's pipeline. The
    /// library's protections stay on with their defaults: header block and
    /// content-length validation, the limits on reset streams (rapid reset),
    /// sequential CONTINUATION frames, empty DATA frames, control-frame rates and glitches.
    /// They go last: the HTTP/1 handlers they replace were the last ones. `tls`: the connection's
    /// TLS session, which every stream's TLS fetches read.
    static func configure(_ operations: ChannelPipeline.SynchronousOperations, engine: EngineContext, frontend: FrontendPlan,
                          tls: TLSConnectionState? = nil) throws {
        let tuning = engine.plan.global.http2 ?? HTTP2Tuning()
        var connection = NIOHTTP2Handler.ConnectionConfiguration()
        connection.initialSettings = settings(tuning, bufferSize: engine.limits.bufferSize)
        var stream = NIOHTTP2Handler.StreamConfiguration()
        stream.targetWindowSize = windowSize(tuning)
        // Streams run on the connection's event loop, where the TLS session lives.
        let session = tls.map { NIOLoopBound($0, eventLoop: operations.eventLoop) }
        // The responses of the streams flushed in one event-loop pass leave in one write.
        try operations.addHandler(H2FlushCoalescer())
        // Resolved once per connection: its streams look nothing up by name.
        let shared = engine.frontendContext(frontend)
        _ = try operations.configureHTTP2Pipeline(mode: .server, connectionConfiguration: connection, streamConfiguration: stream,
                                                  position: .last) { channel in
            channel.eventLoop.makeCompletedFuture {
                let transaction = ClientConnectionHandler(engine: engine, shared: shared, onSocket: false)
                transaction.tls = session?.value
                try channel.pipeline.syncOperations.addHandlers([HTTP2FramePayloadToHTTP1ServerCodec(), H2StreamBridge(), transaction])
            }
        }
        // HAProxy closes an idle HTTP/2 connection after `timeout client`.
        if let idle = frontend.timeouts.clientMs {
            try operations.addHandlers([IdleStateHandler(allTimeout: .milliseconds(Int64(idle))), H2IdleCloser()],
                                       position: .first)
        }
    }
}

/// Closes a connection when `IdleStateHandler` says nothing moved for the idle time.
final class H2IdleCloser: ChannelInboundHandler, Sendable {
    typealias InboundIn = NIOAny

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if event is IdleStateHandler.IdleStateEvent { return context.close(promise: nil) }
        context.fireUserInboundEventTriggered(event)
    }
}
