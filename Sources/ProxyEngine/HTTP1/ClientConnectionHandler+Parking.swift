#if canImport(Glibc)
import Glibc
#endif
import NIOCore

/// Parking an idle keep-alive connection (see `IdleParking`): after the
/// parking delay with no request begun, nothing buffered and every response
/// byte handed to the kernel, the socket is duplicated into the parking lot
/// and the channel closed without a FIN.
extension ClientConnectionHandler {
    func armParkTimer(_ context: ChannelHandlerContext) {
        guard let parking = engine.parking, frontend.mode == .http else { return }
        if parkTimer == nil {
            parkTimer = MovableTimer(on: context.eventLoop) { [weak self] in self?.parkIfIdle() }
        }
        parkTimer?.start(parking.delay)
    }

    /// A connection whose `tcp-request connection` rules track counters, that holds
    /// `sess.` variables, or whose TLS session lives in its pipeline is never parked:
    /// each lives as long as the connection's handler. An HTTP/2 stream has no socket of its own.
    private var isIdle: Bool {
        onSocket && machine.isWaitingForHead && exchange == nil && (input?.readableBytes ?? 0) == 0 && !clientInputClosed
            && !engine.connections.isDraining && stickConnection == nil && sessionVariables.isEmpty && tls == nil
    }

    private func parkIfIdle() {
        guard let context, isIdle else { return }
        // An empty write completes once every write before it has reached the socket.
        context.writeAndFlush(NIOAny(ByteBuffer())).assumeIsolated().whenSuccess { [weak self] in
            guard let self, let context = self.context, self.isIdle, let parking = self.engine.parking else { return }
            let channel = context.channel
            let duplicate = try? channel.pipeline.syncOperations.withUnsafeTransportIfAvailable(of: NIOBSDSocket.Handle.self) {
                fcntl($0, F_DUPFD_CLOEXEC, 0)
            }
            guard let duplicate, duplicate >= 0 else { return }
            let keepAlive = self.shared.keepAliveWait
            guard parking.park(duplicate, engine: self.engine, frontend: self.shared, loop: context.eventLoop, keepAlive: keepAlive) else {
                Glibc.close(duplicate)
                return
            }
            self.engine.connections.parked(channel)
            self.machine.closing()
            channel.close(promise: nil)
        }
    }
}
