import NIOCore
import NIOTLS
import RuntimePlan

/// Sits after the TLS handler of an HTTP bind whose `alpn` offers `h2`: when
/// the handshake agrees on `h2`, the HTTP/1 handlers leave and the HTTP/2
/// ones (`H2Pipeline`) take their place before any application byte is
/// read; any other outcome (`http/1.1`, no ALPN) keeps HTTP/1, as HAProxy
/// 2.6 chooses its mux from the ALPN result. It leaves the pipeline once the
/// handshake is done.
final class ALPNProtocolSwitch: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer

    private let engine: EngineContext
    private let frontend: FrontendPlan
    private let tls: TLSConnectionState

    init(engine: EngineContext, frontend: FrontendPlan, tls: TLSConnectionState) {
        self.engine = engine
        self.frontend = frontend
        self.tls = tls
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        guard case TLSUserEvent.handshakeCompleted(let negotiated)? = event as? TLSUserEvent else {
            return context.fireUserInboundEventTriggered(event)
        }
        let operations = context.pipeline.syncOperations
        if negotiated == "h2" {
            do {
                if let detector = try? operations.handler(type: H2PrefaceDetector.self) {
                    operations.removeHandler(detector, promise: nil)
                }
                operations.removeHandler(try operations.handler(type: ClientConnectionHandler.self), promise: nil)
                try H2Pipeline.configure(operations, engine: engine, frontend: frontend, tls: tls)
            } catch {
                return context.close(promise: nil)
            }
        }
        context.fireUserInboundEventTriggered(event)
        operations.removeHandler(context: context, promise: nil)
    }
}
