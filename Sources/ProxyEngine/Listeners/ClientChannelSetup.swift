import NIOCore
import NIOPosix
import RuntimePlan

/// The pipeline of a client connection: for a socket a listener accepted,
/// and for a parked idle socket taken back into a channel (`IdleParking`).
enum ClientChannelSetup {
    /// The channel keeps the last read buffer of an idle keep-alive connection: start
    /// small (a request head is a few hundred bytes) and let busy connections grow it.
    static let receiveAllocator = AdaptiveRecvByteBufferAllocator(minimum: 64, initial: 512, maximum: 65536)

    /// Counts the connection (a resumed one is counted already), runs the
    /// `tcp-request connection|session` rules of a new one (a reject closes
    /// it), and adds the frontend's handlers, behind TLS when the bind terminates it. `shared`: the
    /// frontend's context, resolved once per listener. `proto`: the bind's forced protocol (`proto h1`
    /// never becomes HTTP/2, `proto h2` speaks nothing else).
    static func configure(_ channel: Channel, engine: EngineContext, shared: FrontendContext, resumed: Bool,
                          tls: BindTLSContexts? = nil, proto: MuxProtocol? = nil) throws {
        let frontend = shared.plan
        if resumed {
            engine.connections.adopted(channel, frontend: frontend.name)
        } else {
            engine.connections.opened(channel, frontend: frontend.name)
        }
        channel.closeFuture.whenComplete { _ in engine.connections.closed(channel, frontend: frontend.name) }
        var admission = ConnectionAdmission()
        if !resumed {
            guard let admitted = ConnectionRules.admit(channel, engine: engine, frontend: frontend) else {
                return channel.close(promise: nil)
            }
            admission = admitted
        }
        let operations = channel.pipeline.syncOperations
        let state = tls.map { _ in TLSConnectionState() }
        var tlsGoesBefore: ChannelHandler
        switch frontend.mode {
        case .tcp:
            let handlers = TCPProxyHandler.handlers(engine: engine, shared: shared, requestCaptures: admission.requestCaptures)
            // TLS goes before the client relay: the proxy handler leaves the pipeline once active.
            tlsGoesBefore = handlers[handlers.count - 1]
            try operations.addHandlers(handlers)
        case .http:
            let handler = ClientConnectionHandler(engine: engine, shared: shared, resumed: resumed)
            handler.sessionVariables = admission.session
            handler.tls = state
            tlsGoesBefore = handler
            // HTTP/2 by prior knowledge is told from HTTP/1 by its preface, in clear or inside TLS (see `H2Pipeline`).
            if !resumed {
                let policy: H2PrefaceDetector.Policy = proto == .h2 ? .require : proto == .h1 ? .refuse : .detect
                let detector = H2PrefaceDetector(engine: engine, frontend: frontend, tls: state, policy: policy)
                try operations.addHandler(detector)
                tlsGoesBefore = detector
            }
            try operations.addHandler(handler)
        }
        if let tls, let state {
            // On an HTTP bind, ALPN `h2` turns the connection into HTTP/2 once the handshake is done.
            let protocolSwitch = frontend.mode == .http && proto != .h1
                ? ALPNProtocolSwitch(engine: engine, frontend: frontend, tls: state) : nil
            try TLSServerPipeline.add(to: channel, contexts: tls, state: state, before: tlsGoesBefore, protocolSwitch: protocolSwitch)
        }
    }

    /// Puts a parked socket back into a channel on the event loop it was parked from.
    static func adopt(_ socket: NIOBSDSocket.Handle, engine: EngineContext, shared: FrontendContext, on loop: EventLoop)
        -> EventLoopFuture<Channel>
    {
        // Socket options set at accept (TCP_NODELAY) stay with the socket: only the channel's own are set.
        ClientBootstrap(group: loop)
            .channelOption(.recvAllocator, value: receiveAllocator)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture { try configure(channel, engine: engine, shared: shared, resumed: true) }
            }
            .withConnectedSocket(socket)
    }
}
