import NIOCore
import NIOPosix
import RuntimePlan

/// The pipeline of a client connection: for a socket a listener accepted,
/// and for a parked idle socket taken back into a channel (`IdleParking`).
enum ClientChannelSetup {
    /// The channel keeps the last read buffer of an idle keep-alive connection: start
    /// small (a request head is a few hundred bytes) and let busy connections grow it.
    static let receiveAllocator = AdaptiveRecvByteBufferAllocator(minimum: 64, initial: 512, maximum: 65536)

    /// Counts the connection (a resumed one is counted already), and adds the frontend's handlers.
    static func configure(_ channel: Channel, engine: EngineContext, frontend: FrontendPlan, resumed: Bool) throws {
        if resumed {
            engine.connections.adopted(channel)
        } else {
            engine.connections.opened(channel, frontend: frontend.name)
        }
        channel.closeFuture.whenComplete { _ in engine.connections.closed(channel, frontend: frontend.name) }
        let operations = channel.pipeline.syncOperations
        switch frontend.mode {
        case .tcp:
            try operations.addHandlers(TCPProxyHandler.handlers(engine: engine, frontend: frontend))
        case .http:
            try operations.addHandler(ClientConnectionHandler(engine: engine, frontend: frontend, resumed: resumed))
        }
    }

    /// Puts a parked socket back into a channel on the event loop it was parked from.
    static func adopt(_ socket: NIOBSDSocket.Handle, engine: EngineContext, frontend: FrontendPlan, on loop: EventLoop)
        -> EventLoopFuture<Channel>
    {
        ClientBootstrap(group: loop)
            .channelOption(.socketOption(.tcp_nodelay), value: 1)
            .channelOption(.recvAllocator, value: receiveAllocator)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture { try configure(channel, engine: engine, frontend: frontend, resumed: true) }
            }
            .withConnectedSocket(socket)
    }
}
