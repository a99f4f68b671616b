import NIOCore
import NIOHTTP1

/// After a `101 Switching Protocols` (WebSocket and other upgrades), turns
/// both connections of an exchange into a byte tunnel: the HTTP handlers
/// leave both pipelines and a `ByteRelayHandler` on each side copies bytes
/// both ways, with backpressure and half-close, until both directions end or
/// a side sees no traffic for `idleTimeoutMs` (`timeout tunnel`).
enum TunnelSwitch {
    static func connect(client: Channel, upstream: Channel, idleTimeoutMs: Int?) throws {
        let clientRelay = ByteRelayHandler(idleTimeoutMs: idleTimeoutMs)
        let upstreamRelay = ByteRelayHandler(idleTimeoutMs: idleTimeoutMs)
        try client.syncOptions?.setOption(.allowRemoteHalfClosure, value: true)
        try upstream.syncOptions?.setOption(.allowRemoteHalfClosure, value: true)
        let clientPipeline = client.pipeline.syncOperations
        let upstreamPipeline = upstream.pipeline.syncOperations
        try clientPipeline.addHandler(clientRelay)
        try upstreamPipeline.addHandler(upstreamRelay)
        // Joined before the decoders leave: the bytes they still hold are forwarded as they go.
        ByteRelayHandler.join(clientRelay, upstreamRelay)
        try clientPipeline.removeHandler(context: clientPipeline.context(handlerType: HTTPResponseEncoder.self), promise: nil)
        try clientPipeline.removeHandler(context: clientPipeline.context(handlerType: HTTPFrontendHandler.self), promise: nil)
        try clientPipeline.removeHandler(context: clientPipeline.context(handlerType: ByteToMessageHandler<HTTPRequestDecoder>.self), promise: nil)
        try upstreamPipeline.removeHandler(context: upstreamPipeline.context(handlerType: UpstreamHandler.self), promise: nil)
        try upstreamPipeline.removeHandler(context: upstreamPipeline.context(handlerType: HTTPRequestEncoder.self), promise: nil)
        try upstreamPipeline.removeHandler(context: upstreamPipeline.context(handlerType: ByteToMessageHandler<HTTPResponseDecoder>.self), promise: nil)
    }
}
