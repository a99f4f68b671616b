import NIOCore
import NIOHTTP1

/// After a `101 Switching Protocols` (WebSocket and other upgrades), turns
/// both connections of an exchange into a byte tunnel: the HTTP handlers
/// leave both pipelines and bytes are copied both ways until either side
/// closes or `timeout tunnel` passes without traffic.
enum TunnelSwitch {
    static func connect(client: Channel, upstream: Channel, idleTimeoutMs: Int?) throws {
        let clientPipeline = client.pipeline.syncOperations
        try clientPipeline.addHandler(ByteRelayHandler(peer: upstream))
        try clientPipeline.removeHandler(context: clientPipeline.context(handlerType: HTTPResponseEncoder.self), promise: nil)
        try clientPipeline.removeHandler(context: clientPipeline.context(handlerType: HTTPFrontendHandler.self), promise: nil)
        try clientPipeline.removeHandler(context: clientPipeline.context(handlerType: ByteToMessageHandler<HTTPRequestDecoder>.self), promise: nil)

        let upstreamPipeline = upstream.pipeline.syncOperations
        if let idleTimeoutMs { try upstreamPipeline.addHandler(IdleCloseHandler(timeoutMs: idleTimeoutMs)) }
        try upstreamPipeline.addHandler(ByteRelayHandler(peer: client))
        try upstreamPipeline.removeHandler(context: upstreamPipeline.context(handlerType: UpstreamHandler.self), promise: nil)
        try upstreamPipeline.removeHandler(context: upstreamPipeline.context(handlerType: HTTPRequestEncoder.self), promise: nil)
        try upstreamPipeline.removeHandler(context: upstreamPipeline.context(handlerType: ByteToMessageHandler<HTTPResponseDecoder>.self), promise: nil)
    }
}
