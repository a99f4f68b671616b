import Foundation
import NIOCore
import RuntimePlan

/// What a log line reports about one transaction (an HTTP request and its
/// response, or a TCP connection), filled on the data path by the
/// connection handler that owns it and read once at the end. Timers are in
/// milliseconds since `accept`, -1 while their phase did not happen, as
/// HAProxy's `struct stream.logs` keeps them.
struct TransactionLog {
    /// Why the transaction ended (first letter of `%ts`).
    enum Cause: UInt8 {
        case normal = 45 // "-"
        case clientAbort = 67 // "C"
        case serverAbort = 83 // "S"
        case proxy = 80 // "P"
        case local = 76 // "L"
        case resource = 82 // "R"
        case `internal` = 73 // "I"
        case clientTimeout = 99 // "c"
        case serverTimeout = 115 // "s"
    }

    /// Where the transaction was when it ended (second letter of `%ts`).
    enum Phase: UInt8 {
        case request = 82 // "R"
        case queue = 81 // "Q"
        case connect = 67 // "C"
        case headers = 72 // "H"
        case data = 68 // "D"
        case lastData = 76 // "L"
        case done = 45 // "-"
    }

    /// The wall-clock accept date (`%t`), seconds and microseconds.
    var acceptSeconds: Int
    var acceptMicroseconds: Int
    /// The same instant on the monotonic clock, the origin of every timer.
    var acceptUptime: NIODeadline
    var handshakeMs = 0
    /// Time waiting for the first byte of the request (keep-alive idle time).
    var idleMs = 0
    /// A complete request head was read (`Tq` = Th + Ti + TR).
    var requestMs = -1
    /// A server was assigned (out of the queue).
    var queueMs = -1
    /// The server connection was established.
    var connectMs = -1
    /// The response head arrived (or the TCP tunnel started, for `Td`).
    var dataMs = -1
    /// The end of the transaction (`Tt`).
    var closeMs = 0
    var status = 0
    var bytesOut: Int64 = 0
    var bytesIn: Int64 = 0
    var cause = Cause.normal
    var phase = Phase.done
    /// The backend (index in the plan) and server (index in the backend) used.
    var backend: Int?
    var server: Int?
    /// The name `%s` prints when no server of the plan was used (`<STATS>`); nil: `<NOSRV>`.
    var applet: String?
    var retries = 0
    var redispatched = false
    var serverQueue = 0
    var backendQueue = 0
    /// The request line as received (`%r`), nil before one was read.
    var requestLine: String?
    var requestCaptures: [String?] = []
    var responseCaptures: [String?] = []
    /// `capture cookie`: the request's and the response's cookie (`%CC`, `%CS`).
    var clientCookie: String?
    var serverCookie: String?
    var client: SocketAddress?
    var local: SocketAddress?
    /// The server connection's addresses (`%bi`/`%bp`, `%si`/`%sp`).
    var serverSource: SocketAddress?
    var serverAddress: SocketAddress?
    var uniqueID: String?
    /// What `%[fetch]` reads.
    var facts: RequestFacts?
    /// The transaction's number in the process (`%rt`).
    var requestCounter = 0
    /// The client sent no byte before the transaction ended (`option dontlognull` drops its line).
    var clientSentNothing = false
    /// `option logasap` sent the line already: the end of the transaction sends none.
    var loggedEarly = false

    /// A record starting `now`; `wallClock`: also read the date (only a log line prints it).
    init(now: NIODeadline = .now(), wallClock: Bool = true) {
        var spec = timespec()
        if wallClock { clock_gettime(CLOCK_REALTIME, &spec) }
        acceptSeconds = spec.tv_sec
        acceptMicroseconds = spec.tv_nsec / 1000
        acceptUptime = now
    }

    /// Milliseconds from accept to `now`.
    func elapsedMs(_ now: NIODeadline = .now()) -> Int {
        Int((now - acceptUptime).nanoseconds / 1_000_000)
    }

    /// Sets the termination state once: the first cause recorded wins, as HAProxy keeps the first error.
    mutating func end(_ cause: Cause, _ phase: Phase) {
        guard self.cause == .normal else { return }
        self.cause = cause
        self.phase = phase
    }

    /// Whether the line reports an error (for `option log-separate-errors` and `dontlog-normal`), as
    /// src/log.c `strm_log` decides: a redispatch, an end other than normal or local, retries, a 5xx.
    var isError: Bool {
        redispatched || (cause != .normal && cause != .local) || (cause == .normal && retries != 0) || status >= 500
    }
}
