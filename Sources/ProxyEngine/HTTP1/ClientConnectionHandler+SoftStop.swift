import NIOCore

extension ClientConnectionHandler {
    /// An idle keep-alive connection when a soft stop begins: it closes now, later or never, as
    /// `close-spread-time` decides (`SoftStopClose`).
    func closeIdleForSoftStop(_ context: ChannelHandlerContext) {
        scheduleSoftStopClose(engine.softStopClose.idleClose(), context)
    }

    /// Closes the connection when `idleClose` says, if it is still idle then.
    func scheduleSoftStopClose(_ idleClose: SoftStopClose.IdleClose, _ context: ChannelHandlerContext) {
        switch idleClose {
        case .now:
            context.close(promise: nil)
        case .after(let delay):
            context.eventLoop.assumeIsolated().scheduleTask(in: delay) { [weak self] in
                guard let self, let context = self.context,
                      self.machine.closesOnDrain(bytesBuffered: (self.input?.readableBytes ?? 0) > 0) else { return }
                context.close(promise: nil)
            }
        case .never:
            return
        }
    }
}
