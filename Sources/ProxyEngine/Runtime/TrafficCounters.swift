import NIOCore
import RuntimePlan

/// The counters of one frontend, backend or server row of `show stat`:
/// what HAProxy counts per proxy and per server.
struct ProxyCounters: Sendable, Equatable {
    /// Sessions (frontend: accepted connections; backend and server: requests given a server).
    var sessions: UInt64 = 0
    var bytesIn: UInt64 = 0
    var bytesOut: UInt64 = 0
    var deniedRequests: UInt64 = 0
    var requestErrors: UInt64 = 0
    var connectionErrors: UInt64 = 0
    var responseErrors: UInt64 = 0
    var retries: UInt64 = 0
    var redispatches: UInt64 = 0
    /// HTTP requests (`req_tot`).
    var requests: UInt64 = 0
    /// HTTP responses by class: 1xx, 2xx, 3xx, 4xx, 5xx, other.
    var responses: [UInt64] = [0, 0, 0, 0, 0, 0]
    /// Times the balancer picked this server (`lbtot`).
    var picked: UInt64 = 0
    /// The rates and times, filled when the counters are read (`TrafficStatistics.totals`).
    var activity = ActivityReading()

    mutating func countResponse(_ status: Int) {
        let slot = (100..<600).contains(status) ? status / 100 - 1 : 5
        responses[slot] &+= 1
    }

    static func + (lhs: ProxyCounters, rhs: ProxyCounters) -> ProxyCounters {
        var sum = lhs
        sum.sessions &+= rhs.sessions
        sum.bytesIn &+= rhs.bytesIn
        sum.bytesOut &+= rhs.bytesOut
        sum.deniedRequests &+= rhs.deniedRequests
        sum.requestErrors &+= rhs.requestErrors
        sum.connectionErrors &+= rhs.connectionErrors
        sum.responseErrors &+= rhs.responseErrors
        sum.retries &+= rhs.retries
        sum.redispatches &+= rhs.redispatches
        sum.requests &+= rhs.requests
        sum.responses = zip(lhs.responses, rhs.responses).map { $0 &+ $1 }
        sum.picked &+= rhs.picked
        sum.activity = lhs.activity + rhs.activity
        return sum
    }
}

/// Every row's counters: frontends and backends by plan position, servers by backend then server.
struct CounterTotals: Sendable, Equatable {
    var frontends: [ProxyCounters]
    var backends: [ProxyCounters]
    var servers: [[ProxyCounters]]

    init(plan: RuntimePlan) {
        frontends = plan.frontends.map { _ in ProxyCounters() }
        backends = plan.backends.map { _ in ProxyCounters() }
        servers = plan.backends.map { $0.servers.map { _ in ProxyCounters() } }
    }

    static func + (lhs: CounterTotals, rhs: CounterTotals) -> CounterTotals {
        var sum = lhs
        sum.frontends = zip(lhs.frontends, rhs.frontends).map(+)
        sum.backends = zip(lhs.backends, rhs.backends).map(+)
        sum.servers = zip(lhs.servers, rhs.servers).map { zip($0, $1).map(+) }
        return sum
    }
}

/// The counters of one event loop: written only by that loop's connections,
/// without a lock or an atomic, and copied on that loop when read.
final class CounterShard {
    var totals: CounterTotals
    var activity: ActivityTotals

    init(plan: RuntimePlan) {
        totals = CounterTotals(plan: plan)
        activity = ActivityTotals(plan: plan)
    }

    /// The counters with their rates and times as they are now.
    var reading: CounterTotals { totals.reading(activity, at: ActivityClock()) }
}

/// The engine's traffic counters: one shard per event loop, summed when read
/// (`show stat`, the stats page), so the request path never takes a lock.
final class TrafficStatistics: Sendable {
    private let plan: RuntimePlan
    private let shards: LoopLocal<CounterShard>

    /// `loops`: the engine's event loops (each finds its shard without a lock).
    init(plan: RuntimePlan, loops: [EventLoop] = []) {
        self.plan = plan
        shards = LoopLocal(loops: loops) { _ in CounterShard(plan: plan) }
    }

    /// The shard of the calling event loop (a connection takes it once, when it opens).
    func shard(for loop: EventLoop) -> CounterShard {
        loop.preconditionInEventLoop()
        return shards.value(on: loop)
    }

    /// The sum of every loop's counters, each copied on its own loop.
    func totals(on loop: EventLoop) -> EventLoopFuture<CounterTotals> {
        let copies = shards.each { $0.reading }
        return EventLoopFuture.reduce(CounterTotals(plan: plan), copies, on: loop) { sum, copy in copy.map { sum + $0 } ?? sum }
    }
}

/// What the data path counts, each on the shard of its own event loop.
extension CounterShard {
    /// An accepted connection: a session of the frontend (`stot`, `rate`, `conn_rate`).
    func countSession(frontend: Int) {
        totals.frontends[frontend].sessions &+= 1
        let clock = ActivityClock()
        activity.frontends[frontend].countConnection(at: clock)
        activity.frontends[frontend].countSession(at: clock)
    }

    /// A request given a server: a session of the backend and the server, and a balancer pick.
    func countServerTaken(backend: Int, server: Int) {
        totals.backends[backend].sessions &+= 1
        totals.backends[backend].picked &+= 1
        totals.servers[backend][server].sessions &+= 1
        totals.servers[backend][server].picked &+= 1
        let clock = ActivityClock()
        activity.backends[backend].countSession(at: clock)
        activity.servers[backend][server].countSession(at: clock)
    }

    /// Bytes a server sent toward the client (`bout` of the backend, the server and the frontend).
    func countServerBytes(frontend: Int, backend: Int, server: Int?, _ count: Int) {
        let bytes = UInt64(count)
        totals.frontends[frontend].bytesOut &+= bytes
        totals.backends[backend].bytesOut &+= bytes
        if let server { totals.servers[backend][server].bytesOut &+= bytes }
    }

    /// Bytes of a request forwarded to a server (`bin` of the backend and the server).
    func countForwarded(backend: Int, server: Int?, _ count: Int) {
        let bytes = UInt64(count)
        totals.backends[backend].bytesIn &+= bytes
        if let server { totals.servers[backend][server].bytesIn &+= bytes }
    }

    /// A response status relayed from a server.
    func countServerResponse(frontend: Int, backend: Int, server: Int?, status: Int) {
        totals.frontends[frontend].countResponse(status)
        totals.backends[backend].countResponse(status)
        if let server { totals.servers[backend][server].countResponse(status) }
    }

    /// A failed exchange with a server: `econ` (could not connect) or `eresp` (bad or missing response).
    func countServerError(backend: Int, server: Int?, connecting: Bool) {
        if connecting {
            totals.backends[backend].connectionErrors &+= 1
            if let server { totals.servers[backend][server].connectionErrors &+= 1 }
        } else {
            totals.backends[backend].responseErrors &+= 1
            if let server { totals.servers[backend][server].responseErrors &+= 1 }
        }
    }

    /// A connection attempt retried (`wretr`), on another server with `option redispatch` (`wredis`).
    func countRetry(backend: Int, server: Int, redispatched: Bool) {
        totals.backends[backend].retries &+= 1
        totals.servers[backend][server].retries &+= 1
        if redispatched {
            totals.backends[backend].redispatches &+= 1
            totals.servers[backend][server].redispatches &+= 1
        }
    }
}
