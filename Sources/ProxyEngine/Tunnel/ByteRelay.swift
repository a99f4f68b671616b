import NIOCore

/// One side of a byte tunnel between two channels on the same event loop
/// (client and server of `mode tcp`, or both ends after an HTTP upgrade).
///
/// What one side reads is written to the other, flushed once per read batch.
/// Backpressure: a side stops reading while its partner's channel is not
/// writable (NIO's write-buffer high-water mark, 64 KiB by default), so a
/// slow reader never makes the engine queue more than that per direction.
/// Half-close, as HAProxy forwards it: when a peer shuts its write side,
/// the partner's write side is shut once the bytes before it are written,
/// and the other direction keeps flowing until it ends too. Timeouts, as
/// HAProxy applies them: each side has an idle timeout (`timeout client`
/// or `server`, or `timeout tunnel` for both) that reads and writes on that
/// side restart; when it expires, that side's direction ends as if its peer
/// had shut its write side. Once the engine has shut its write side toward a
/// peer, that side's idle timeout becomes its half-closed one (`timeout
/// client-fin` or `server-fin`, when set; they also replace `timeout tunnel`),
/// as HAProxy 2.6 does. When both directions have ended, both channels close.
/// Each side's phase is a `ByteRelayStateMachine`, which decides these steps.
final class ByteRelayHandler: ChannelDuplexHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private var partner: ByteRelayHandler?
    private var context: ChannelHandlerContext?
    /// This side's phase; every decision that depends on it is the machine's.
    private var machine = ByteRelayStateMachine()
    /// This side's idle limit (`timeout client` or `server`, or `timeout tunnel` once it replaced them).
    private var idleTimeout: TimeAmount?
    /// This side's half-closed timeout (`timeout client-fin` or `server-fin`), nil for none.
    private let finTimeout: TimeAmount?
    private var idleTimer: MovableTimer?
    /// What NIO read before the partner joined: only when the peer shut its write side early (NIO then
    /// reads to the end of the socket), so at most what the kernel's receive buffer held.
    private var early: [ByteBuffer] = []

    /// `idleTimeoutMs`: this side's inactivity limit, nil for none; `finTimeoutMs`: the one once
    /// its write side is shut (`timeout client-fin` or `server-fin`), nil to keep `idleTimeoutMs`.
    convenience init(idleTimeoutMs: Int?, finTimeoutMs: Int? = nil) {
        self.init(idleTimeout: idleTimeoutMs.map { .milliseconds(Int64($0)) }, finTimeout: finTimeoutMs.map { .milliseconds(Int64($0)) })
    }

    /// `idleTimeout`: this side's inactivity limit, nil for none; `finTimeout`: the one once
    /// its write side is shut (`timeout client-fin` or `server-fin`), nil to keep `idleTimeout`.
    init(idleTimeout: TimeAmount?, finTimeout: TimeAmount? = nil) {
        self.idleTimeout = idleTimeout
        self.finTimeout = finTimeout
    }

    /// Joins two sides; each then forwards what it reads to the other. Call on their event loop.
    static func join(_ first: ByteRelayHandler, _ second: ByteRelayHandler) {
        first.partner = second
        second.partner = first
        for side in [first, second] {
            side.forwardEarlyBytes()
            side.resumeReading()
        }
    }

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
        touch()
    }

    /// Puts `timeout tunnel` in place of this side's own timeout (once both sides are connected).
    /// A half-closed side keeps its half-closed timeout (HAProxy applies it over `timeout tunnel`).
    func replaceIdleTimeout(milliseconds: Int) {
        idleTimeout = .milliseconds(Int64(milliseconds))
        touch()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        idleTimer?.cancel()
        self.context = nil
        partner = nil
    }

    // MARK: Inbound: what this side's peer sends

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard let partner else { return early.append(unwrapInboundIn(data)) }
        partner.context?.write(data, promise: nil)
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        touch()
        partner?.touch()
        partner?.context?.flush()
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if case ChannelEvent.inputClosed = event {
            endInput()
        } else {
            context.fireUserInboundEventTriggered(event)
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        partner?.context?.close(promise: nil)
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: Error) {
        partner?.context?.close(promise: nil)
        context.close(promise: nil)
    }

    func channelWritabilityChanged(context: ChannelHandlerContext) {
        if context.channel.isWritable {
            touch()
            partner?.resumeReading()
        }
        context.fireChannelWritabilityChanged()
    }

    // MARK: Outbound: reads this side's pipeline asks for

    func read(context: ChannelHandlerContext) {
        if machine.readRequested(partnerWritable: partner?.context?.channel.isWritable == true) { context.read() }
    }

    // MARK: Between the two sides

    private func resumeReading() {
        guard let context, machine.partnerWritable() else { return }
        context.read()
    }

    /// Restarts the idle timeout: there was traffic on this side.
    private func touch() {
        let limit = machine.usesFinTimeout(hasFinTimeout: finTimeout != nil) ? finTimeout : idleTimeout
        guard let limit, let context, machine.idleTimerRuns else { return }
        if idleTimer == nil {
            idleTimer = MovableTimer(on: context.eventLoop) { [weak self] in self?.idleExpired() }
        }
        idleTimer?.start(limit)
    }

    /// As HAProxy does on a read timeout: stop reading this side, and end the direction
    /// (before the partner is there, nothing is left to do on this connection).
    private func idleExpired() {
        switch machine.idleExpired(partnerJoined: partner != nil) {
        case .none: return
        case .close: context?.close(promise: nil)
        case .endInput:
            context?.close(mode: .input, promise: nil)
            endInput()
        }
    }

    /// The partner's phase, as this side's events see it.
    private var partnerPhase: ByteRelayStateMachine.Partner {
        guard let partner, partner.context != nil else { return .absent }
        return partner.machine.inputEnded ? .inputEnded : .open
    }

    /// Writes what was read before the partner joined, and passes on an end seen then.
    private func forwardEarlyBytes() {
        if !early.isEmpty, let partnerContext = partner?.context {
            for buffer in early { partnerContext.write(wrapOutboundOut(buffer), promise: nil) }
            partnerContext.flush()
        }
        early = []
        passEnd(machine.joined(partner: partnerPhase))
    }

    /// This side's direction is over: pass the end on to the partner (once it has joined).
    private func endInput() {
        guard machine.idleTimerRuns else { return }
        let action = machine.endInput(partner: partnerPhase)
        idleTimer?.cancel()
        passEnd(action)
    }

    /// Shuts the partner's write side after what is queued there, or closes both channels when
    /// the other direction is over too.
    private func passEnd(_ action: ByteRelayStateMachine.EndAction) {
        guard let partner, let partnerContext = partner.context else { return }
        switch action {
        case .none: return
        case .closeBoth:
            context?.close(promise: nil)
            partnerContext.close(promise: nil)
        case .shutPartnerOutput:
            partnerContext.close(mode: .output, promise: nil)
            partner.outputWasShut()
        }
    }

    /// The engine shut its write side toward this side's peer: the half-closed timeout, when set,
    /// replaces the idle one and starts now (HAProxy's `hcto` on a shut write).
    private func outputWasShut() {
        machine.outputWasShut()
        if finTimeout != nil { touch() }
    }
}
