import RuntimePlan

/// HAProxy 2.6's file-descriptor arithmetic at start (src/haproxy.c,
/// `compute_ideal_maxconn` and `compute_ideal_maxsock`): ten descriptors
/// reserved plus one per listener and per health-checked server, two per
/// connection, three per thread (a poller and a wake-up pipe). Without a
/// global `maxconn`, the largest one the boot limit allows (at least 100);
/// the limit to set is `ulimit-n`, else exactly what `maxsock` needs.
public struct FileDescriptorBudget: Sendable, Equatable {
    /// The process-wide connection limit the engine enforces.
    public var maxconn: Int
    /// The descriptors that limit needs.
    public var maxsock: Int
    /// The RLIMIT_NOFILE to set.
    public var limit: Int

    /// HAProxy's DEFAULT_MAXCONN: the floor of a computed maxconn.
    public static let minimumComputedMaxconn = 100

    /// The budget of a plan on `threads` event loops, from the soft and hard limits the process started with.
    public static func compute(for plan: RuntimePlan, threads: Int, bootSoftLimit: Int, bootHardLimit: Int) -> FileDescriptorBudget {
        let listeners = plan.frontends.reduce(0) { $0 + $1.binds.count }
        let checks = plan.backends.reduce(0) { total, backend in total + backend.servers.filter { $0.check != nil }.count }
        let reserved = 10 + listeners + checks
        let perThread = 3 * threads
        let maxconn = plan.global.maxconn
            ?? max(minimumComputedMaxconn, (max(bootSoftLimit, bootHardLimit) - reserved - perThread) / 2)
        let maxsock = reserved + 2 * maxconn + perThread
        return FileDescriptorBudget(maxconn: maxconn, maxsock: maxsock, limit: plan.global.process?.ulimitN ?? maxsock)
    }
}
