/// The CPUs one event-loop thread may run on, from `cpu-map` in `global`
/// (HAProxy binds its thread N to them; the engine its Nth event loop).
public struct ThreadCPUs: Sendable, Hashable, Codable {
    /// The thread, counted from 1 as HAProxy counts them.
    public var thread: Int
    /// The CPUs, counted from 0, in increasing order.
    public var cpus: [Int]

    public init(thread: Int, cpus: [Int]) {
        self.thread = thread
        self.cpus = cpus
    }
}
