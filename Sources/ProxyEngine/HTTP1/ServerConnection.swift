import NIOCore
import NIOPosix
import RuntimePlan

/// Identifies a server across backends: the backend's position and the server's, and for a
/// server without a port (which follows the client's destination port) the port connected to,
/// so that a pooled connection is only reused for the same port.
struct ServerKey: Hashable {
    var backend: Int
    var server: Int
    var clientPort: Int? = nil
    /// The address set by `set server … addr` (nil: the configured one), so connections to the old one are not reused.
    var address: SocketEndpoint? = nil
}

/// The one handler of a connection to a server: passes what the server
/// sends to the client connection using it, and holds reads back while that
/// client cannot take more (backpressure). Idle in its loop's pool between
/// requests. Used on its event loop only.
final class ServerConnection: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    let key: ServerKey
    private(set) var context: ChannelHandlerContext?
    /// The client connection this one serves; nil while pooled.
    var owner: ClientConnectionHandler? {
        didSet { if owner == nil { machine.released() } else { machine.assigned() } }
    }
    /// The connection's phase; every decision that depends on it is the machine's.
    private var machine = ServerConnectionStateMachine()
    var isClosed: Bool { machine.state == .closed }

    init(key: ServerKey) { self.key = key }

    var channel: Channel? { context?.channel }
    var isWritable: Bool { context?.channel.isWritable ?? false }

    func handlerAdded(context: ChannelHandlerContext) { self.context = context }

    func handlerRemoved(context: ChannelHandlerContext) { self.context = nil }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let bytes = unwrapInboundIn(data)
        guard machine.bytesRead() == .deliver, let owner else {
            // A pooled connection has nothing to say: anything it sends breaks the framing.
            context.close(promise: nil)
            return
        }
        owner.serverRead(bytes, from: self)
    }

    func channelReadComplete(context: ChannelHandlerContext) { owner?.flushToClient() }

    func channelInactive(context: ChannelHandlerContext) {
        let notifies = machine.channelClosed()
        let owner = self.owner
        self.owner = nil
        if notifies { owner?.serverClosed(self) }
        context.fireChannelInactive()
    }

    func channelWritabilityChanged(context: ChannelHandlerContext) {
        if context.channel.isWritable { owner?.resumeReading() }
        context.fireChannelWritabilityChanged()
    }

    func errorCaught(context: ChannelHandlerContext, error: Error) { context.close(promise: nil) }

    func read(context: ChannelHandlerContext) {
        if machine.readRequested(clientWritable: owner?.clientIsWritable) { context.read() }
    }

    /// Reads again if reads were held back for the client.
    func resumeReading() {
        guard let context, machine.clientWritable() else { return }
        context.read()
    }

    func write(_ bytes: ByteBuffer) { context?.write(NIOAny(bytes), promise: nil) }

    func flush() { context?.flush() }

    /// Whether the connection may serve another exchange (`poolRoom`: whether the pool has room, when it goes back).
    func reusable(poolRoom: Bool?) -> Bool {
        machine.reusable(channelActive: context?.channel.isActive == true, poolRoom: poolRoom)
    }

    func close() {
        owner = nil
        context?.close(promise: nil)
    }
}

/// Idle keep-alive connections to servers, one pool per event loop so a
/// connection is only ever touched by its own loop.
final class ServerConnectionPool {
    let eventLoop: EventLoop
    private var idle: [ServerKey: [ServerConnection]] = [:]
    /// The most idle connections kept per server.
    static let idleLimit = 64

    init(eventLoop: EventLoop) { self.eventLoop = eventLoop }

    /// An idle connection to the server that is still open, if there is one.
    func takeIdle(_ key: ServerKey) -> ServerConnection? {
        while let connection = idle[key]?.popLast() {
            if connection.reusable(poolRoom: nil) { return connection }
        }
        return nil
    }

    /// Opens a new connection to `endpoint` (any address form) within `connectTimeout`; `completion` runs on this loop.
    /// `tls` puts a TLS handler in front (a server with `ssl`): the connection counts as open once its
    /// handshake is done, so a failed handshake is a failed connection (retried, then 503, as HAProxy).
    func connect(_ key: ServerKey, endpoint: SocketEndpoint, connectTimeout: TimeAmount, tls: (@Sendable () throws -> ChannelHandler)? = nil,
                 completion: @escaping (Result<ServerConnection, Error>) -> Void) {
        var bootstrap = ClientBootstrap(group: eventLoop).connectTimeout(connectTimeout)
        // Linux refuses TCP options on a Unix socket.
        if endpoint.isIP { bootstrap = bootstrap.channelOption(.tcpOption(.tcp_nodelay), value: 1) }
        bootstrap
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    if let tls {
                        try channel.pipeline.syncOperations.addHandler(try tls())
                        try channel.pipeline.syncOperations.addHandler(TLSHandshakeWaiter(channel.eventLoop))
                    }
                    try channel.pipeline.syncOperations.addHandler(ServerConnection(key: key))
                }
            }
            .connect(to: endpoint, on: eventLoop)
            .flatMap { channel in
                guard let waiter = try? channel.pipeline.syncOperations.handler(type: TLSHandshakeWaiter.self) else {
                    return channel.eventLoop.makeSucceededFuture(channel)
                }
                return waiter.completed.map { channel }.flatMapErrorThrowing { error in
                    channel.close(promise: nil)
                    throw error
                }
            }
            .assumeIsolated()
            .whenComplete { result in
                completion(result.flatMap { channel in
                    Result { try channel.pipeline.syncOperations.handler(type: ServerConnection.self) }
                })
            }
    }

    /// Keeps a connection whose response is complete for the next request.
    func putBack(_ connection: ServerConnection) {
        connection.owner = nil
        guard connection.reusable(poolRoom: idle[connection.key, default: []].count < Self.idleLimit) else {
            connection.close()
            return
        }
        idle[connection.key, default: []].append(connection)
    }
}
