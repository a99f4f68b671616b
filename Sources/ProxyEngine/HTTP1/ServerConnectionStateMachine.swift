/// Where a connection to a server is (opened or pooled, serving a client's
/// exchange, closed) and what it does at each event, as a value without I/O.
/// `ServerConnection` owns one and performs what it returns;
/// `ServerConnectionStateMachineTests` walks every transition as a table.
struct ServerConnectionStateMachine: Equatable {
    /// The phase of the connection.
    enum State: Equatable {
        /// Open and serving no client: just opened, or idle in its loop's pool.
        case unowned
        /// Serving a client connection's exchange.
        case serving
        /// The connection closed.
        case closed
    }

    /// What to do with bytes the server sent.
    enum ReadAction: Equatable {
        /// Pass them to the client connection being served.
        case deliver
        /// Close: an idle connection has nothing to say, anything it sends breaks the framing.
        case close
    }

    private(set) var state: State = .unowned
    /// A read was asked for while the client could not take more (backpressure).
    private(set) var readHeldBack = false

    init() {}

    /// A machine in a given state (the table tests start each row so).
    init(state: State, readHeldBack: Bool) {
        self.state = state
        self.readHeldBack = readHeldBack
    }

    /// A client connection takes the connection for its exchange.
    mutating func assigned() {
        if state == .unowned { state = .serving }
    }

    /// The client connection lets it go (to the pool, to a tunnel, or to be closed).
    mutating func released() {
        if state == .serving { state = .unowned }
    }

    /// The server sent bytes.
    func bytesRead() -> ReadAction {
        state == .serving ? .deliver : .close
    }

    /// The connection closed: true when a client connection being served must hear of it.
    mutating func channelClosed() -> Bool {
        defer { state = .closed }
        return state == .serving
    }

    /// The channel asks for a read: true to read now, false to hold it back until
    /// the client can take more. `clientWritable`: nil while no client is served.
    mutating func readRequested(clientWritable: Bool?) -> Bool {
        if clientWritable ?? true { return true }
        readHeldBack = true
        return false
    }

    /// The client can take more: true when a read held back must be made now.
    mutating func clientWritable() -> Bool {
        defer { readHeldBack = false }
        return readHeldBack
    }

    /// Whether the connection may serve another exchange: open, its channel active,
    /// and (when going back to the pool) the pool has room. `poolRoom`: nil when taken from the pool.
    func reusable(channelActive: Bool, poolRoom: Bool? = nil) -> Bool {
        state != .closed && channelActive && (poolRoom ?? true)
    }
}
