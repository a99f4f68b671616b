import NIOCore
import RuntimePlan

/// The rate and timing side of one `show stat` row, as the data path
/// writes it on its own event loop: HAProxy's per-second frequency counters
/// with their peaks (`rate`, `req_rate`, `conn_rate` and their `_max`),
/// the time of the last session (`lastsess`), and the sliding averages and
/// peaks of the queue, connect, response and total times of the
/// transactions (`qtime`…`ttime`, `qtime_max`…`ttime_max`).
struct RowActivity: Sendable {
    var sessions = FrequencyCounter()
    var sessionsPeak: UInt32 = 0
    var requests = FrequencyCounter()
    var requestsPeak: UInt32 = 0
    var connections = FrequencyCounter()
    var connectionsPeak: UInt32 = 0
    /// When the last session was given a server, in seconds of the monotonic clock (0: never).
    var lastSessionSecond: Int64 = 0
    /// Finished transactions (HAProxy's `cum_req`, or `cum_lbconn` in TCP), which size the averages' window.
    var transactions: UInt64 = 0
    /// Sliding sums of the queue, connect, response ("data") and total times, in that order.
    var timeSums: [UInt32] = [0, 0, 0, 0]
    var timePeaks: [UInt32] = [0, 0, 0, 0]

    /// One period of the rates: a second.
    static let period: UInt32 = 1000

    /// HAProxy's `TIME_STATS_SAMPLES`: the averages cover the last 512 transactions.
    static let timeWindow: UInt32 = 512

    /// A new session (`rate`, `lastsess`). The peak is the current period's count, as HAProxy keeps it.
    mutating func countSession(at clock: ActivityClock) {
        sessionsPeak = max(sessionsPeak, sessions.add(1, period: Self.period, now: clock.milliseconds))
        lastSessionSecond = clock.seconds
    }

    /// A request head read by a frontend (`req_rate`).
    mutating func countRequest(at clock: ActivityClock) {
        requestsPeak = max(requestsPeak, requests.add(1, period: Self.period, now: clock.milliseconds))
    }

    /// A connection accepted by a frontend (`conn_rate`).
    mutating func countConnection(at clock: ActivityClock) {
        connectionsPeak = max(connectionsPeak, connections.add(1, period: Self.period, now: clock.milliseconds))
    }

    /// A finished transaction and, when it reached a server and (in HTTP) its response, its four times in
    /// milliseconds, added as src/stream.c `stream_update_time_stats` adds them (`swrate_add_dynamic`).
    mutating func countTransaction(times: TransactionTimes?) {
        transactions &+= 1
        guard let times else { return }
        let window = transactions > UInt64(Self.timeWindow) ? Self.timeWindow : 0
        for (slot, value) in [times.queue, times.connect, times.data, times.total].enumerated() {
            let sample = UInt32(clamping: max(value, 0))
            let sum = timeSums[slot]
            timeSums[slot] = sum &- (window == 0 ? 0 : (sum &+ window &- 1) / window) &+ sample
            timePeaks[slot] = max(timePeaks[slot], sample)
        }
    }

    /// The row's values at `clock`, ready to be summed with other loops' readings.
    func reading(at clock: ActivityClock) -> ActivityReading {
        let now = clock.milliseconds
        let window = UInt32(min(transactions, UInt64(Self.timeWindow)))
        return ActivityReading(
            sessionRate: sessions.rate(period: Self.period, now: now), sessionRatePeak: sessionsPeak,
            requestRate: requests.rate(period: Self.period, now: now), requestRatePeak: requestsPeak,
            connectionRate: connections.rate(period: Self.period, now: now), connectionRatePeak: connectionsPeak,
            lastSessionSecond: lastSessionSecond, window: window, timeSums: timeSums.map { UInt64($0) },
            timePeaks: timePeaks, nowSecond: clock.seconds)
    }
}

/// The four times of one transaction that the statistics average, each
/// relative to the previous phase: waiting in the queue, connecting, waiting
/// for the response head (0 in TCP), and the whole transaction.
struct TransactionTimes: Sendable, Equatable {
    var queue: Int
    var connect: Int
    var data: Int
    var total: Int

    /// The times of a finished transaction from its log record's timers (milliseconds since accept), or nil when
    /// it did not connect to a server or (in HTTP) got no response head, which HAProxy leaves out of the averages.
    init?(_ log: TransactionLog, http: Bool) {
        let dataMs = http ? log.dataMs : log.connectMs
        guard log.connectMs >= 0, dataMs >= 0 else { return nil }
        let request = max(log.requestMs, 0)
        let queued = log.queueMs >= 0 ? log.queueMs : request
        queue = queued - request
        connect = log.connectMs - queued
        data = dataMs - log.connectMs
        total = log.closeMs
    }
}

/// One reading of the monotonic clock, in the units HAProxy's counters use.
struct ActivityClock: Sendable {
    /// Milliseconds, wrapping at 32 bits as HAProxy's ticks do.
    let milliseconds: UInt32
    let seconds: Int64

    init(_ now: NIODeadline = .now()) {
        let ms = now.uptimeNanoseconds / 1_000_000
        milliseconds = UInt32(truncatingIfNeeded: ms)
        seconds = Int64(ms / 1000)
    }
}

/// The rates and times of one row as `show stat` prints them, summed over
/// the event loops: rates add up, peaks add up (each loop's peak: exact with
/// one loop, an upper bound with more), the last session is the latest, and
/// the averages weigh each loop's window.
struct ActivityReading: Sendable, Equatable {
    var sessionRate: UInt32 = 0
    var sessionRatePeak: UInt32 = 0
    var requestRate: UInt32 = 0
    var requestRatePeak: UInt32 = 0
    var connectionRate: UInt32 = 0
    var connectionRatePeak: UInt32 = 0
    var lastSessionSecond: Int64 = 0
    /// The transactions the averages cover (at most 512); 0 when no loop saw any.
    var window: UInt32 = 0
    var timeSums: [UInt64] = [0, 0, 0, 0]
    var timePeaks: [UInt32] = [0, 0, 0, 0]
    var nowSecond: Int64 = 0

    /// `lastsess`: seconds since the last session, -1 when there was none.
    var secondsSinceLastSession: Int64 {
        lastSessionSecond == 0 ? -1 : nowSecond - lastSessionSecond
    }

    /// `qtime`, `ctime`, `rtime`, `ttime` (`swrate_avg`: the sum over the window, rounded up).
    var averageTimes: [UInt64] {
        let window = UInt64(self.window == 0 ? RowActivity.timeWindow : self.window)
        return timeSums.map { ($0 + window - 1) / window }
    }

    static func + (lhs: ActivityReading, rhs: ActivityReading) -> ActivityReading {
        var sum = lhs
        sum.sessionRate &+= rhs.sessionRate
        sum.sessionRatePeak &+= rhs.sessionRatePeak
        sum.requestRate &+= rhs.requestRate
        sum.requestRatePeak &+= rhs.requestRatePeak
        sum.connectionRate &+= rhs.connectionRate
        sum.connectionRatePeak &+= rhs.connectionRatePeak
        sum.lastSessionSecond = max(lhs.lastSessionSecond, rhs.lastSessionSecond)
        sum.nowSecond = max(lhs.nowSecond, rhs.nowSecond)
        sum.timePeaks = zip(lhs.timePeaks, rhs.timePeaks).map { max($0, $1) }
        // Each loop's sum covers its own window: merge them into one window of at most 512 transactions.
        let (left, right) = (UInt64(lhs.window), UInt64(rhs.window))
        if right == 0 { return sum }
        if left == 0 {
            sum.window = rhs.window
            sum.timeSums = rhs.timeSums
            return sum
        }
        let merged = min(left + right, UInt64(RowActivity.timeWindow))
        sum.window = UInt32(merged)
        sum.timeSums = zip(lhs.timeSums, rhs.timeSums).map { ($0 + $1) * merged / (left + right) }
        return sum
    }
}

/// Every row's activity on one event loop, laid out as `CounterTotals`.
struct ActivityTotals {
    var frontends: [RowActivity]
    var backends: [RowActivity]
    var servers: [[RowActivity]]

    init(plan: RuntimePlan) {
        frontends = plan.frontends.map { _ in RowActivity() }
        backends = plan.backends.map { _ in RowActivity() }
        servers = plan.backends.map { $0.servers.map { _ in RowActivity() } }
    }

    /// A finished transaction of `backend` (and `server` when one was used).
    mutating func countTransaction(backend: Int, server: Int?, times: TransactionTimes?) {
        backends[backend].countTransaction(times: times)
        if let server { servers[backend][server].countTransaction(times: times) }
    }
}

extension CounterTotals {
    /// These counters with every row's rates and times read from `activity` at `clock`.
    func reading(_ activity: ActivityTotals, at clock: ActivityClock) -> CounterTotals {
        var copy = self
        for index in copy.frontends.indices { copy.frontends[index].activity = activity.frontends[index].reading(at: clock) }
        for index in copy.backends.indices { copy.backends[index].activity = activity.backends[index].reading(at: clock) }
        for backend in copy.servers.indices {
            for server in copy.servers[backend].indices {
                copy.servers[backend][server].activity = activity.servers[backend][server].reading(at: clock)
            }
        }
        return copy
    }
}
