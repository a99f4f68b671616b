import NIOCore

/// Sits between the HTTP/2 handler and the socket (or TLS) side of an
/// HTTP/2 connection and turns the flushes of one event-loop pass into one:
/// each stream's response is flushed when its server's bytes are read, so
/// without it every response of a busy connection is its own TLS record and
/// its own write system call. swift-nio-http2 coalesces only the flushes made
/// while the connection itself is read; this covers those made from server reads.
final class H2FlushCoalescer: ChannelOutboundHandler, RemovableChannelHandler {
    typealias OutboundIn = Any

    private var scheduled = false

    func flush(context: ChannelHandlerContext) {
        guard !scheduled else { return }
        scheduled = true
        // Runs after the I/O events of this pass: the flushes they ask for meet here.
        context.eventLoop.assumeIsolated().execute {
            self.scheduled = false
            context.flush()
        }
    }

    func close(context: ChannelHandlerContext, mode: CloseMode, promise: EventLoopPromise<Void>?) {
        // What was written goes out before the close, as an unbuffered flush would have sent it.
        if scheduled {
            scheduled = false
            context.flush()
        }
        context.close(mode: mode, promise: promise)
    }
}
