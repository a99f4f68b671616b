import NIOCore
import NIOHTTP1
import NIOPosix
import RuntimePlan

/// A keep-alive HTTP connection to one server. The response parts of the
/// exchange in progress go to `responseSink`; the connection belongs to
/// one event loop and is only used there.
final class UpstreamConnection {
    let channel: Channel
    let serverKey: ServerKey
    /// Receives the response of the current exchange; nil while idle in the pool.
    var responseSink: ((UpstreamEvent) -> Void)?
    var isClosed = false

    init(channel: Channel, serverKey: ServerKey) {
        self.channel = channel
        self.serverKey = serverKey
    }
}

/// What an upstream connection reports to the exchange using it.
enum UpstreamEvent {
    case part(HTTPClientResponsePart)
    case closed
    case error(Error)
}

/// Identifies a server across backends: the backend's position and the server's.
struct ServerKey: Hashable {
    var backend: Int
    var server: Int
}

/// The last handler of an upstream pipeline: passes response parts to the
/// connection's current exchange and reports the connection closing.
final class UpstreamHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPClientResponsePart

    weak var connection: UpstreamConnection?

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        connection?.responseSink?(.part(unwrapInboundIn(data)))
    }

    func channelInactive(context: ChannelHandlerContext) {
        connection?.isClosed = true
        connection?.responseSink?(.closed)
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: Error) {
        connection?.responseSink?(.error(error))
        context.close(promise: nil)
    }
}

/// Idle keep-alive connections to servers, one pool per event loop so a
/// connection is only ever touched by its own loop.
final class UpstreamPool {
    let eventLoop: EventLoop
    private var idle: [ServerKey: [UpstreamConnection]] = [:]
    /// The most idle connections kept per server.
    static let idleLimit = 64

    init(eventLoop: EventLoop) { self.eventLoop = eventLoop }

    /// Calls `completion` on this loop with an idle connection to the server
    /// (unless `reuse` is false), or a new one opened within `connectTimeout`.
    func connection(to key: ServerKey, endpoint: SocketEndpoint, connectTimeout: TimeAmount, reuse: Bool = true,
                    completion: @escaping (Result<UpstreamConnection, Error>) -> Void) {
        while reuse, var list = idle[key], let connection = list.popLast() {
            idle[key] = list
            if !connection.isClosed && connection.channel.isActive { return completion(.success(connection)) }
        }
        ClientBootstrap(group: eventLoop)
            .connectTimeout(connectTimeout)
            .channelOption(.socketOption(.tcp_nodelay), value: 1)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    // Built by hand (not addHTTPClientHandlers) so the tunnel switch knows every HTTP handler.
                    let operations = channel.pipeline.syncOperations
                    try operations.addHandler(HTTPRequestEncoder())
                    try operations.addHandler(ByteToMessageHandler(HTTPResponseDecoder(leftOverBytesStrategy: .forwardBytes)))
                    try operations.addHandler(UpstreamHandler())
                }
            }
            .connect(to: endpoint, on: eventLoop)
            .assumeIsolated()
            .whenComplete { result in
                completion(result.flatMap { channel in
                    Result {
                        let handler = try channel.pipeline.syncOperations.handler(type: UpstreamHandler.self)
                        let connection = UpstreamConnection(channel: channel, serverKey: key)
                        handler.connection = connection
                        return connection
                    }
                })
            }
    }

    /// Keeps a connection whose response is complete for the next request.
    func putBack(_ connection: UpstreamConnection) {
        connection.responseSink = nil
        guard !connection.isClosed, connection.channel.isActive, idle[connection.serverKey, default: []].count < Self.idleLimit else {
            connection.channel.close(promise: nil)
            return
        }
        idle[connection.serverKey, default: []].append(connection)
    }
}
