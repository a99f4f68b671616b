import NIOCore

/// `timeout client` while a request body streams to a server, as HAProxy 2.6
/// applies it: only when the backend has no `timeout server` (otherwise the
/// server's runs and a stalled upload ends in a 504, `sH`), restarted by each
/// piece of body forwarded; when it expires while the engine reads the
/// client, both connections close without an answer and the log says `cD`.
extension ClientConnectionHandler {
    /// Starts (or restarts) the client's timeout if it applies to the exchange now.
    func armClientTimer(_ exchange: ServerExchange) {
        guard let limit = shared.clientIdle, let context,
              machine.clientTimeoutApplies(serverTimeout: exchange.timeouts.server != nil) else { return }
        if clientTimer == nil {
            clientTimer = MovableTimer(on: context.eventLoop) { [weak self] in self?.clientTimedOut() }
        }
        clientTimer?.start(limit)
    }

    private func clientTimedOut() {
        guard let exchange else { return }
        switch machine.clientTimedOut(serverTimeout: exchange.timeouts.server != nil,
                                      reading: machine.wantsInput(serverWritable: exchange.connection?.isWritable)) {
        case .none: return
        case .rearm: armClientTimer(exchange)
        case .abortExchange:
            logUpdate { $0.end(.clientTimeout, .data) }
            abortClient()
        }
    }
}
