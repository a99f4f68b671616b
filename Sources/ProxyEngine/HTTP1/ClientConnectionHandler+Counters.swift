import NIOCore

/// The HTTP/1 connection's part of the traffic counters (`show stat`): each
/// call adds to the shard of the connection's own event loop, without a lock.
extension ClientConnectionHandler {
    /// A request head was read (`req_tot`, `req_rate`).
    func countRequest() {
        guard let counters else { return }
        counters.totals.frontends[shared.statsIndex].requests &+= 1
        counters.activity.frontends[shared.statsIndex].countRequest(at: ActivityClock())
    }

    /// A request refused by a rule (`dreq`).
    func countDenied() { counters?.totals.frontends[shared.statsIndex].deniedRequests &+= 1 }

    /// A request that could not be parsed (`ereq`).
    func countInvalidRequest() { counters?.totals.frontends[shared.statsIndex].requestErrors &+= 1 }

    /// A response made here (error page, redirect, return): its status and bytes on the frontend.
    func countLocalResponse(status: Int?, bytes: Int) {
        guard let counters else { return }
        if let status { counters.totals.frontends[shared.statsIndex].countResponse(status) }
        counters.totals.frontends[shared.statsIndex].bytesOut &+= UInt64(bytes)
        stickBytes.sent &+= bytes
    }

    /// Bytes read from the client (`bin` of the frontend).
    func countClientBytes(_ count: Int) {
        counters?.totals.frontends[shared.statsIndex].bytesIn &+= UInt64(count)
        stickBytes.received &+= count
    }

    /// Bytes read from the server of `exchange` and relayed toward the client.
    func countServerBytes(_ exchange: ServerExchange, _ count: Int) {
        counters?.countServerBytes(frontend: shared.statsIndex, backend: exchange.backendIndex, server: exchange.server, count)
        stickBytes.sent &+= count
    }

    /// A final response head from the server of `exchange`.
    func countServerResponse(_ exchange: ServerExchange, status: Int) {
        counters?.countServerResponse(frontend: shared.statsIndex, backend: exchange.backendIndex, server: exchange.server,
                                      status: status)
    }
}
