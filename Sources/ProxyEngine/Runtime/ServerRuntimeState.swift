import NIOCore
import RuntimePlan

/// What the runtime API and the stats page know of one server beyond the
/// balancer's view: its administrative state, its run-time weight, its
/// health-check history, the most requests it had at once.
struct ServerRuntimeState: Sendable, Equatable {
    /// `set server … state maint`, `disable server`, the stats page's `maint`, or `disabled` in the config.
    var maintenance: Bool
    /// `set server … state drain`.
    var draining = false
    /// Where the server is reached now (`set server … addr`); nil: as configured.
    var address: SocketEndpoint?
    /// The weight now (`set server … weight`), and the configured one.
    var weight: Int
    let initialWeight: Int
    /// Health checks run (`disable health` pauses them).
    var checksEnabled = true
    /// Whether the server has `check`.
    let checked: Bool
    /// The result of the last check: HAProxy's `check_status` (`L4OK`, `L4CON`, `L7STS`…) and description.
    var checkStatus: String?
    var checkDescription: String?
    /// How long the last completed check took (`check_duration`), nil before the first one.
    var checkDurationMs: Int?
    /// Failed checks (`chkfail`) and UP-to-DOWN transitions (`chkdown`).
    var failedChecks: UInt64 = 0
    var downTransitions: UInt64 = 0
    /// When the state last changed, and since when the server is DOWN (nil: up).
    var lastChange: NIODeadline = .now()
    var downSince: NIODeadline?
    /// Seconds spent DOWN before `downSince`.
    var downtimeSeconds: Int64 = 0
    /// The most requests the server handled at once (`smax`).
    var peakActive = 0

    init(maintenance: Bool, weight: Int, checked: Bool) {
        self.maintenance = maintenance
        self.weight = weight
        self.initialWeight = weight
        self.checked = checked
    }

    /// Seconds spent DOWN until `now`.
    func downtime(at now: NIODeadline) -> Int64 {
        downtimeSeconds + (downSince.map { (now - $0).nanoseconds / 1_000_000_000 } ?? 0)
    }
}

/// One server as `show stat` and `show servers state` read it: the balancer's view and the rest.
struct ServerSnapshot: Sendable {
    var up: Bool
    var active: Int
    var queued: Int
    var runtime: ServerRuntimeState
    /// In HAProxy's NOLB state (`http-check disable-on-404`).
    var stopping = false
}

/// What an administrative command sets on a server (`set server B/S state …`, the stats page's actions).
enum ServerAdminAction: Sendable {
    case ready, drain, maint
    case enableChecks, disableChecks
    case weight(Int)
    case address(SocketEndpoint)
}
