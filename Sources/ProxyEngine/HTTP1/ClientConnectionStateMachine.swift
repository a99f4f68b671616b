/// Where an HTTP/1 client connection is in its request/response cycle, and
/// what it must do at each event, as a value without I/O (in the manner of
/// SwiftNIO's own HTTP/1, TLS and HTTP/2 state machines). `ClientConnectionHandler`
/// owns one, tells it every event and performs the action it returns; the
/// handler keeps the buffers, timers and the server connection, the machine
/// keeps the phase and decides. `ClientConnectionStateMachineTests` walks
/// every transition as a table.
struct ClientConnectionStateMachine: Equatable {
    /// The phase of the connection.
    enum State: Equatable {
        /// Reading a request head.
        case waitingHead(HeadWait)
        /// A request is forwarded to a server: how far its body and the response have gone.
        case forwarding(RequestProgress, ResponseProgress)
        /// The body of a request answered here is read and dropped.
        case discarding
        /// The connection left HTTP for the byte relay (after a `101` or a `CONNECT`).
        case tunnel
        /// Answered and closing: nothing more is read.
        case closing
    }

    /// Which wait runs while a head is awaited.
    enum HeadWait: Equatable {
        /// The connection's first request: `timeout http-request`, 408 when it expires.
        case first
        /// Between requests, before a byte of the next one: `timeout http-keep-alive`, closed silently.
        case idle
        /// A next request has begun: `timeout http-request` from its first byte.
        case started
    }

    /// How much of the forwarded request's body has arrived.
    enum RequestProgress: Equatable {
        /// Body bytes are still to come.
        case streaming
        /// The whole request was read (and passed on).
        case complete
    }

    /// How far the server's answer has gone.
    enum ResponseProgress: Equatable {
        /// Nothing came from the server yet (a retry may still send the request again).
        case awaited
        /// Bytes came but no final head yet (an incomplete head, or interim ones).
        case heads
        /// The final head was read; `headSent` once it was written to the client.
        /// `untilClose`: the body ends when the server closes.
        case body(untilClose: Bool, headSent: Bool)
    }

    /// What to do when the client sends its FIN.
    enum InputEndAction: Equatable {
        /// Nothing now: the request is whole and its answer still goes out.
        case awaitResponse
        /// The request was cut short: close the server connection and the client.
        case abortExchange
        /// Close the connection.
        case close
    }

    /// What to do when the wait for a head (or for a dropped body) expires.
    enum WaitExpiredAction: Equatable {
        /// Nothing: the wait no longer applies.
        case none
        /// Answer 408 and close (HAProxy's `cR`).
        case requestTimeout
        /// Close without an answer (an idle keep-alive connection).
        case closeSilently
        /// Close once what was written is sent (a dropped body that stalled).
        case closeAfterWrites
    }

    /// What to do when the server connection closes before the exchange ended.
    enum ServerClosedAction: Equatable {
        /// The body was delimited by the close: the response is complete.
        case completeResponse
        /// The response was cut short after its head went out: close the client (`SD`).
        case abortClient
        /// Nothing was received: retry if `retry-on empty-response` allows, else 502.
        case retryOrBadGateway
        /// Part of a head was received: 502.
        case badGateway
    }

    /// What to do when `timeout server` expires during an exchange.
    enum ServerTimeoutAction: Equatable {
        /// Nothing, no exchange is in progress.
        case none
        /// The response had begun: close the client (`sD`).
        case abortClient
        /// Nothing was received: retry if `retry-on response-timeout` allows, else 504 (`sH`).
        case retryOrGatewayTimeout
    }

    /// What to do when `timeout client` expires while a request body streams.
    enum ClientTimeoutAction: Equatable {
        /// Nothing: no body streams any more.
        case none
        /// The engine is not reading the client (the server cannot take more): wait again.
        case rearm
        /// Close the server connection and the client without an answer (`cD`).
        case abortExchange
    }

    /// What to do when the client connection closes.
    enum ClientClosedAction: Equatable {
        /// Nothing was in progress.
        case none
        /// An exchange was in progress: close its server connection and log a client abort
        /// (`CD` when the response had begun, `CH` before).
        case abortExchange(duringData: Bool)
    }

    /// What to do once an exchange ended (answered here or by a server).
    enum ExchangeEndAction: Equatable {
        /// Wait for the next request (which may already be buffered).
        case awaitNextRequest
        /// Close once the answer is sent.
        case closeAfterWrites
    }

    private(set) var state: State
    /// The client half-closed: nothing more will come after the request in progress.
    private(set) var clientInputClosed = false
    /// A request was answered on this connection (or it is a parked one taken back).
    private(set) var servedOne: Bool

    /// `resumed`: a parked keep-alive connection taken back, which has served a request already.
    init(resumed: Bool) {
        servedOne = resumed
        state = .waitingHead(resumed ? .idle : .first)
    }

    /// A machine in a given state (the table tests start each row so).
    init(state: State, servedOne: Bool, clientInputClosed: Bool) {
        self.state = state
        self.servedOne = servedOne
        self.clientInputClosed = clientInputClosed
    }

    /// Whether a forwarded request's body has fully arrived (true when no request is forwarded).
    var requestComplete: Bool {
        if case .forwarding(.streaming, _) = state { return false }
        return true
    }

    /// Whether a byte of the response arrived for the exchange in progress.
    var responseStarted: Bool {
        if case .forwarding(_, let response) = state { return response != .awaited }
        return false
    }

    /// Whether a head is awaited.
    var isWaitingForHead: Bool {
        if case .waitingHead = state { return true }
        return false
    }

    /// Whether more client bytes can be taken now: not while a whole request
    /// awaits its answer (pipelined requests wait), and while a body streams only as
    /// fast as the server connection takes it. `serverWritable`: nil when no server
    /// connection is open yet.
    func wantsInput(serverWritable: Bool?) -> Bool {
        switch state {
        case .waitingHead, .discarding, .tunnel, .closing: return true
        case .forwarding(.complete, _): return false
        case .forwarding(.streaming, _): return serverWritable ?? false
        }
    }

    // MARK: Request heads

    /// Part of a head arrived without completing it: a next request has begun, so its wait
    /// becomes the request wait; true when that wait must start now.
    mutating func headIncomplete() -> Bool {
        guard case .waitingHead(.idle) = state else { return false }
        state = .waitingHead(.started)
        return true
    }

    /// A whole head arrived: the wait stops and the request is routed.
    mutating func headComplete() {
        if case .waitingHead(.idle) = state { state = .waitingHead(.started) }
    }

    /// A head that breaks HAProxy's rules: the status to answer before closing (422 for a
    /// transfer coding HAProxy does not handle, 400 otherwise).
    func headInvalid(unsupportedTransferCoding: Bool) -> Int {
        unsupportedTransferCoding ? 422 : 400
    }

    /// The wait for a head (or for a dropped body) expired. `bytesBuffered`: part of a head is held.
    func waitExpired(bytesBuffered: Bool) -> WaitExpiredAction {
        switch state {
        case .discarding: return .closeAfterWrites
        case .waitingHead(.first): return .requestTimeout
        case .waitingHead: return bytesBuffered ? .requestTimeout : .closeSilently
        case .forwarding, .tunnel, .closing: return .none
        }
    }

    /// The engine stops: true when the connection closes now (an idle keep-alive one;
    /// one just accepted still gets its first request answered, as HAProxy's soft stop).
    func closesOnDrain(bytesBuffered: Bool) -> Bool {
        guard servedOne, case .waitingHead = state else { return false }
        return !bytesBuffered
    }

    // MARK: Forwarding

    /// The request's head went toward a server; `bodyComplete` when it has no body.
    mutating func requestForwarded(bodyComplete: Bool) {
        state = .forwarding(bodyComplete ? .complete : .streaming, .awaited)
    }

    /// The forwarded request's body ended.
    mutating func requestBodyEnded() {
        if case .forwarding(_, let response) = state { state = .forwarding(.complete, response) }
    }

    /// A request body that breaks its framing: the status of the error page (the exchange ends).
    func requestBodyInvalid() -> Int { 400 }

    /// Bytes of the response arrived.
    mutating func responseBytesArrived() {
        if case .forwarding(let request, .awaited) = state { state = .forwarding(request, .heads) }
    }

    /// The final response head was read and is held until the bytes read with it are judged.
    mutating func finalResponseHead(untilClose: Bool) {
        if case .forwarding(let request, _) = state { state = .forwarding(request, .body(untilClose: untilClose, headSent: false)) }
    }

    /// The final response head was written to the client.
    mutating func responseHeadSent() {
        if case .forwarding(let request, .body(let untilClose, _)) = state {
            state = .forwarding(request, .body(untilClose: untilClose, headSent: true))
        }
    }

    /// Whether `timeout client` runs now: while a request body streams to a server, only when the
    /// backend has no `timeout server` (HAProxy suspends the client's read timeout while the
    /// server's runs, so a stalled upload then ends at `timeout server`, 504).
    func clientTimeoutApplies(serverTimeout: Bool) -> Bool {
        guard case .forwarding(.streaming, _) = state else { return false }
        return !serverTimeout
    }

    /// `timeout client` expired. `serverTimeout`: the exchange's backend has `timeout server`;
    /// `reading`: the engine was reading the client (HAProxy runs no read timeout on a client
    /// it does not read, held back by the server).
    func clientTimedOut(serverTimeout: Bool, reading: Bool) -> ClientTimeoutAction {
        guard clientTimeoutApplies(serverTimeout: serverTimeout) else { return .none }
        return reading ? .abortExchange : .rearm
    }

    /// The request is sent again (`retry-on`): what came of the response so far is forgotten.
    mutating func retrying() {
        if case .forwarding(let request, _) = state { state = .forwarding(request, .awaited) }
    }

    /// The response body broke its framing: 502 while its head was still held, else the client is closed.
    func responseBodyInvalid() -> ServerClosedAction {
        if case .forwarding(_, .body(_, headSent: false)) = state { return .badGateway }
        return .abortClient
    }

    /// The server connection closed during the exchange.
    func serverClosed() -> ServerClosedAction {
        guard case .forwarding(_, let response) = state else { return .badGateway }
        switch response {
        case .body(untilClose: true, _): return .completeResponse
        case .body(untilClose: false, _): return .abortClient
        case .awaited: return .retryOrBadGateway
        case .heads: return .badGateway
        }
    }

    /// `timeout server` expired during the exchange.
    func serverTimedOut() -> ServerTimeoutAction {
        guard case .forwarding(_, let response) = state else { return .none }
        return response == .awaited ? .retryOrGatewayTimeout : .abortClient
    }

    /// Whether an error page ending the exchange closes the connection: the rest of a
    /// request body cannot be told from a next request.
    func errorPageCloses(clientKeepAlive: Bool) -> Bool {
        !clientKeepAlive || !requestComplete
    }

    /// Whether the server connection goes back to the pool once its response ended.
    /// `serverKeeps`: nothing came after the response; `serverWantsClose`: it said `close`;
    /// `backendCloses`: the backend's options close server connections.
    func poolsServerConnection(serverKeeps: Bool, serverWantsClose: Bool, backendCloses: Bool) -> Bool {
        serverKeeps && !serverWantsClose && !backendCloses && requestComplete
    }

    /// The response switched the connection to a tunnel.
    mutating func tunnelOpened() { state = .tunnel }

    // MARK: Ends

    /// The exchange ended; `keepOpen`: the answer leaves the connection open; `draining`: the engine stops.
    mutating func exchangeEnded(keepOpen: Bool, draining: Bool) -> ExchangeEndAction {
        servedOne = true
        guard keepOpen, !draining, !clientInputClosed else {
            state = .closing
            return .closeAfterWrites
        }
        state = .waitingHead(.idle)
        return .awaitNextRequest
    }

    /// A request answered here left its body to read: true when it is dropped now
    /// (the connection stays open for a next request).
    mutating func discardBody() -> Bool {
        guard case .waitingHead = state else { return false }
        state = .discarding
        return true
    }

    /// The dropped body ended: a next request may follow.
    mutating func discardedBodyEnded() {
        if state == .discarding { state = .waitingHead(.idle) }
    }

    /// The client sent its FIN.
    mutating func clientInputEnded() -> InputEndAction {
        clientInputClosed = true
        switch state {
        case .forwarding(.complete, _): return .awaitResponse
        case .forwarding(.streaming, _): return .abortExchange
        case .waitingHead, .discarding, .tunnel, .closing: return .close
        }
    }

    /// The connection is closing (answered and closing, parked, or the stats page answers last).
    mutating func closing() { state = .closing }

    /// The client connection closed.
    mutating func clientClosed() -> ClientClosedAction {
        defer { state = .closing }
        guard case .forwarding(_, let response) = state else { return .none }
        return .abortExchange(duringData: response != .awaited)
    }
}
