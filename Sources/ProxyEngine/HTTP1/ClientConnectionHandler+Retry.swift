import NIOCore
import RuntimePlan

/// `retry-on` beyond `conn-failure`, as HAProxy 2.6 does it: a request the
/// server may have received is sent again only when the backend's policy
/// names the failure (`empty-response`, `junk-response`, `response-timeout`,
/// a status) and the request was whole when first sent: its body, if any,
/// had fully arrived, and head and body fit `tune.bufsize` (HAProxy copies
/// the request into one buffer at its first sending, only when complete).
/// Every retry counts against `retries`, as connection retries do.
extension ClientConnectionHandler {
    /// The failures `retry-on` can name once the request was sent.
    enum SentRequestFailure {
        case emptyResponse, junkResponse, responseTimeout
        case status(Int)
    }

    /// Sends the request for the first time; when the backend's policy may
    /// replay it, keeps a copy of it if it is whole once the bytes already
    /// read are forwarded (head and body within `tune.bufsize`).
    func sendFirstTime(_ exchange: ServerExchange, on connection: ServerConnection) {
        connection.write(exchange.head)
        guard engine.plan.backends[exchange.backendIndex].retryOn?.replaysRequests == true else { return process() }
        exchange.replay = exchange.head
        exchange.keepsReplay = true
        process()
        exchange.keepsReplay = false
        if !machine.requestComplete || exchange.replay!.readableBytes > exchange.limit { exchange.replay = nil }
    }

    /// A piece of request body went to the server: the copy being kept for a replay takes it too.
    func keepForReplay(_ piece: ByteBuffer, _ exchange: ServerExchange) {
        guard exchange.keepsReplay, var copy = exchange.replay, copy.readableBytes <= exchange.limit else { return }
        var piece = piece
        copy.writeBuffer(&piece)
        exchange.replay = copy
    }

    /// Sends the request again if the policy names `failure` and retries are left; false otherwise.
    func retrySent(_ exchange: ServerExchange, after failure: SentRequestFailure) -> Bool {
        guard exchange.replay != nil, exchange.attemptsLeft > 1, let server = exchange.server,
              let policy = engine.plan.backends[exchange.backendIndex].retryOn else { return false }
        let named: Bool
        switch failure {
        case .emptyResponse: named = policy.emptyResponse
        case .junkResponse: named = policy.junkResponse
        case .responseTimeout: named = policy.responseTimeout
        case .status(let status): named = policy.statuses.contains(status)
        }
        guard named else { return false }
        serverTimer?.stop()
        exchange.connection?.close()
        exchange.connection = nil
        machine.retrying()
        exchange.responseInput = nil
        exchange.responseFramer = nil
        exchange.pendingResponseHead = nil
        exchange.pendingInterim = nil
        exchange.serverWantsClose = false
        exchange.untilClose = false
        retry(exchange, after: server)
        return true
    }
}
