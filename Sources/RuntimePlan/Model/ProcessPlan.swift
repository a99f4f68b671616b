/// How the process runs, from the `global` section: what HAProxy does
/// around its proxies (background, pid file, identity, limits, stopping).
public struct ProcessPlan: Sendable, Hashable, Codable {
    /// A user or group as written: a name, or a number (`uid`/`gid`).
    public enum Account: Sendable, Hashable, Codable {
        case name(String)
        case id(Int)
    }

    /// `daemon`: go to the background once the listeners are bound.
    public var daemon = false
    /// `pidfile FILE`: where the process writes its pid.
    public var pidFile: String?
    /// `user NAME` or `uid N`: who the process becomes after binding.
    public var user: Account?
    /// `group NAME` or `gid N`.
    public var group: Account?
    /// `chroot DIR`: the directory the process jails itself into after binding.
    public var chroot: String?
    /// `ulimit-n N`: the file-descriptor limit to set (nil: computed from maxconn, as HAProxy does).
    public var ulimitN: Int?
    /// `hard-stop-after TIME`: how long a soft stop may last before the rest is closed.
    public var hardStopAfterMs: Int?
    /// `grace TIME`: how long listeners stay open after a soft stop is asked for.
    public var graceMs: Int?
    /// `close-spread-time TIME|infinite`: how a soft stop closes keep-alive connections (nil: all at once).
    public var closeSpread: CloseSpread?
    /// `noreuseport`: bind without SO_REUSEPORT (a new process cannot then bind beside the old one).
    public var noReusePort = false
    /// `cpu-map 1 CPUS` (or `1/1`): the process's CPUs, which HAProxy applies only when it runs as a
    /// daemon or a master-worker's worker (empty: none).
    public var processCPUs: [Int] = []
    /// `cpu-map 1/THREADS CPUS`: each thread's CPUs, by thread, within the process's when both are
    /// set; a later line replaces an earlier one for the threads they share, as in HAProxy.
    public var threadCPUs: [ThreadCPUs] = []

    /// How a soft stop closes keep-alive connections, from `close-spread-time`.
    public enum CloseSpread: Sendable, Hashable, Codable {
        /// Over a window of this many milliseconds from the stop: idle connections at random moments in what
        /// remains of it, busy ones after a response with a chance that grows as the window runs out.
        case window(ms: Int)
        /// `infinite`: none is closed by the stop; the client or a timeout closes it.
        case infinite
    }

    public init() {}

    /// Whether nothing is set: such a plan leaves the process as it is.
    public var isDefault: Bool { self == ProcessPlan() }
}
