import NIOCore

/// After a `101 Switching Protocols` (WebSocket and other upgrades) or a
/// `2xx` to `CONNECT`, turns both connections of an HTTP exchange into the
/// byte tunnel of `mode tcp`: a `ByteRelayHandler` on each side
/// (backpressure, half-close passed on, an idle timeout per side), then the
/// HTTP handlers leave both pipelines.
enum TunnelSwitch {
    /// `clientIdle`, `serverIdle`: each side's idle limit (`timeout tunnel` on both when set,
    /// else `timeout client` and `timeout server`, as in HAProxy); `clientFin`, `serverFin`: each side's
    /// limit once the engine shut its write side toward it (`timeout client-fin`, `server-fin`). `clientInputEnded`:
    /// the client shut its write side before the switch (the server's write side is shut in turn).
    /// Call on the channels' event loop.
    static func connect(client: Channel, replacing clientHandler: RemovableChannelHandler,
                        server: Channel, replacing serverHandler: RemovableChannelHandler,
                        clientIdle: TimeAmount?, serverIdle: TimeAmount?, clientFin: TimeAmount? = nil,
                        serverFin: TimeAmount? = nil, clientInputEnded: Bool) throws {
        let clientRelay = ByteRelayHandler(idleTimeout: clientIdle, finTimeout: clientFin)
        let serverRelay = ByteRelayHandler(idleTimeout: serverIdle, finTimeout: serverFin)
        try client.syncOptions?.setOption(.allowRemoteHalfClosure, value: true)
        try server.syncOptions?.setOption(.allowRemoteHalfClosure, value: true)
        let clientPipeline = client.pipeline.syncOperations
        let serverPipeline = server.pipeline.syncOperations
        try clientPipeline.addHandler(clientRelay)
        try serverPipeline.addHandler(serverRelay)
        ByteRelayHandler.join(clientRelay, serverRelay)
        clientPipeline.removeHandler(clientHandler, promise: nil)
        serverPipeline.removeHandler(serverHandler, promise: nil)
        if clientInputEnded { client.pipeline.fireUserInboundEventTriggered(ChannelEvent.inputClosed) }
        // A read the HTTP handlers held back is asked for again, now through the relays.
        client.read()
        server.read()
    }
}
