/// One side of a byte tunnel (see `ByteRelayHandler`) as a value without I/O:
/// whether its input ended, whether the engine shut its write side toward its
/// peer, whether a read waits for the partner, and what each event asks for.
/// The partner's phase comes with the events that depend on it.
/// `ByteRelayStateMachineTests` walks every transition as a table.
struct ByteRelayStateMachine: Equatable {
    /// The other side of the tunnel, as an event sees it.
    enum Partner: Equatable {
        /// Not joined yet (or gone).
        case absent
        /// Joined, its input still open.
        case open
        /// Joined, its input ended too.
        case inputEnded
    }

    /// What the end of this side's input asks for.
    enum EndAction: Equatable {
        /// Nothing (already ended, or no partner yet: the end is passed on when it joins).
        case none
        /// Shut the partner's write side after what is queued there (the other direction flows on).
        case shutPartnerOutput
        /// Both directions are over: close both channels.
        case closeBoth
    }

    /// What the expiry of this side's idle timeout asks for.
    enum IdleAction: Equatable {
        /// Nothing: the input already ended.
        case none
        /// No partner yet: nothing is left to do on this connection, close it.
        case close
        /// Stop reading this side and end its direction (HAProxy's read timeout).
        case endInput
    }

    /// Nothing more will be read on this side: its peer shut its write side, or the idle timeout expired.
    private(set) var inputEnded = false
    /// The engine shut its write side toward this side's peer (the other direction ended).
    private(set) var outputShut = false
    /// The pipeline asked to read while the partner could not take more (or was not there yet).
    private(set) var readHeldBack = false

    init() {}

    /// A machine in a given state (the table tests start each row so).
    init(inputEnded: Bool, outputShut: Bool, readHeldBack: Bool) {
        self.inputEnded = inputEnded
        self.outputShut = outputShut
        self.readHeldBack = readHeldBack
    }

    /// Whether traffic restarts the idle timeout (not once the input ended).
    var idleTimerRuns: Bool { !inputEnded }

    /// Whether the half-closed timeout (`timeout client-fin` or `server-fin`) is the limit now.
    /// `hasFinTimeout`: one is configured for this side.
    func usesFinTimeout(hasFinTimeout: Bool) -> Bool { outputShut && hasFinTimeout }

    /// The pipeline asks for a read: true to read now, false to hold it until the partner can take more.
    mutating func readRequested(partnerWritable: Bool) -> Bool {
        if partnerWritable { return true }
        readHeldBack = true
        return false
    }

    /// The partner can take more (or just joined): true when a held read must be made now.
    mutating func partnerWritable() -> Bool {
        guard readHeldBack, !inputEnded else { return false }
        readHeldBack = false
        return true
    }

    /// This side's input ended (its peer's FIN, or the idle timeout).
    mutating func endInput(partner: Partner) -> EndAction {
        guard !inputEnded else { return .none }
        inputEnded = true
        return passEnd(partner: partner)
    }

    /// The partner joined: an end seen before is passed on now.
    func joined(partner: Partner) -> EndAction {
        inputEnded ? passEnd(partner: partner) : .none
    }

    /// The partner's input ended and the engine shut this side's write side.
    mutating func outputWasShut() { outputShut = true }

    /// This side's idle timeout expired.
    func idleExpired(partnerJoined: Bool) -> IdleAction {
        guard !inputEnded else { return .none }
        return partnerJoined ? .endInput : .close
    }

    private func passEnd(partner: Partner) -> EndAction {
        switch partner {
        case .absent: return .none
        case .open: return .shutPartnerOutput
        case .inputEnded: return .closeBoth
        }
    }
}
