import NIOCore
import RuntimePlan

/// One request forwarded to a server: the server it holds, the connection,
/// the head to send, how far the request and the response have gone, and
/// what a retry may still do. Lives on the client's event loop.
final class ServerExchange {
    let backendIndex: Int
    /// The head as forwarded; kept until the server answers so a retry can resend it.
    let head: ByteBuffer
    let request: RequestFacts
    let method: H1Method
    let clientKeepAlive: Bool
    var requestFramer: H1BodyFramer
    /// The whole request as first sent, kept when `retry-on` may send it again (see `+Retry`).
    var replay: ByteBuffer?
    /// The body forwarded now is copied into `replay` (during the first sending only).
    var keepsReplay = false
    var attemptsLeft: Int
    var excluded: Set<Int> = []
    /// What cookie and stick persistence decided (see `+Persistence`).
    var persistence: PersistenceChoice?
    var server: Int?
    var connection: ServerConnection?
    /// Response bytes read and not yet used.
    var responseInput: ByteBuffer?
    /// The final response's body, once its head was read.
    var responseFramer: H1BodyFramer?
    /// The final response's head, held until the bytes read with it are judged.
    var pendingResponseHead: ByteBuffer?
    /// Interim (1xx) heads, held the same way.
    var pendingInterim: ByteBuffer?
    /// The request asked for an upgrade (`Connection: upgrade`): only then is a `101` valid.
    let requestUpgrade: Bool
    var serverWantsClose = false
    /// The response body ends when the server closes.
    var untilClose = false
    let requestIsHTTP11: Bool
    var clientClosesAfter = false
    let limit: Int
    /// The backend's timeouts, resolved once for the exchange.
    let timeouts: BackendTimeouts
    /// The algorithm the request accepts, when the proxies compress (see `CompressionPolicy`).
    var compression: CompressionAlgorithm?
    /// Compresses the response body, when the response qualifies.
    var compressor: ResponseCompressor?

    init(backendIndex: Int, head: ByteBuffer, request: RequestFacts, method: H1Method, requestBody: H1BodyKind,
         requestIsHTTP11: Bool, requestUpgrade: Bool, clientKeepAlive: Bool, attempts: Int, limit: Int,
         timeouts: BackendTimeouts) {
        self.requestUpgrade = requestUpgrade
        self.timeouts = timeouts
        self.requestIsHTTP11 = requestIsHTTP11
        self.backendIndex = backendIndex
        self.head = head
        self.request = request
        self.method = method
        self.clientKeepAlive = clientKeepAlive
        self.requestFramer = H1BodyFramer(requestBody, limit: limit)
        self.attemptsLeft = attempts
        self.limit = limit
    }
}

/// A backend's timeouts (resolved in the plan) as the data path's timers take
/// them, made once per backend when the engine starts.
struct BackendTimeouts: Sendable {
    /// `timeout connect` (5 s when unset).
    var connect: TimeAmount
    /// `timeout server`: the longest silence while a response is awaited or streamed.
    var server: TimeAmount?
    /// `timeout tunnel`: the idle limit of both sides of a tunnel (nil: each side keeps its own).
    var tunnel: TimeAmount?
    /// `timeout server-fin`: the server side's limit in a tunnel once its write side is shut.
    var serverFin: TimeAmount?

    init(_ plan: BackendTimeoutPlan) {
        connect = .milliseconds(Int64(plan.connectMs))
        server = plan.serverMs.map { .milliseconds(Int64($0)) }
        tunnel = plan.tunnelMs.map { .milliseconds(Int64($0)) }
        serverFin = plan.serverFinMs.map { .milliseconds(Int64($0)) }
    }
}
