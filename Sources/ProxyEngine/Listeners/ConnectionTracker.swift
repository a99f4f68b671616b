import Atomics
import NIOConcurrencyHelpers
import NIOCore
import RuntimePlan

/// Counts client connections per frontend and in total, pauses accepting
/// (as HAProxy does) while a `maxconn` is reached, and finds the open
/// connections when the engine stops.
///
/// The counts and the draining flag are atomics, read and written from
/// every event loop without a lock (`isDraining` is read on every request).
/// The open channels are registered per event loop (`show sess`, stopping),
/// each loop's touched only on that loop, as HAProxy lists its streams per
/// thread: opening and closing a connection takes no lock. A lock guards only
/// the listeners, registered when the engine starts. A listener's `autoRead`
/// is decided on its own event loop from the counts as they are then, so that
/// pauses and resumes from several loops cannot cross.
final class ConnectionTracker: Sendable {
    /// One event loop's open client channels.
    final class LoopChannels {
        var entries: [ObjectIdentifier: (channel: Channel, frontend: String, opened: NIODeadline)] = [:]
    }

    /// One frontend's count, its peak and `maxconn` (0: none; `set maxconn frontend` changes it).
    private struct FrontendCount: Sendable {
        let open = ManagedAtomic<Int>(0)
        /// Every connection accepted since start (HAProxy's cumulated count).
        let accepted = ManagedAtomic<Int>(0)
        let peak = ManagedAtomic<Int>(0)
        let limitValue: ManagedAtomic<Int>
        var limit: Int? {
            let value = limitValue.load(ordering: .relaxed)
            return value > 0 ? value : nil
        }
    }

    /// The global `maxconn` (0: none; `set maxconn global` changes it).
    private let globalLimitValue: ManagedAtomic<Int>
    var globalLimit: Int? {
        let value = globalLimitValue.load(ordering: .relaxed)
        return value > 0 ? value : nil
    }
    private let total = ManagedAtomic<Int>(0)
    private let draining = ManagedAtomic<Bool>(false)
    private let frontends: [String: FrontendCount]
    private let channels: LoopLocal<LoopChannels>
    private let listeners = NIOLockedValueBox<[(frontend: String, channel: Channel)]>([])
    /// `set rate-limit connections|sessions global`.
    let rateLimits = AcceptRateLimits()

    /// `loops`: the engine's event loops (each registers its channels without a lock).
    init(globalLimit: Int?, frontends: [FrontendPlan], loops: [EventLoop] = []) {
        self.channels = LoopLocal(loops: loops) { _ in LoopChannels() }
        self.globalLimitValue = ManagedAtomic(globalLimit ?? 0)
        var counts: [String: FrontendCount] = [:]
        for frontend in frontends { counts[frontend.name] = FrontendCount(limitValue: ManagedAtomic(frontend.maxconn ?? 0)) }
        self.frontends = counts
    }

    var isDraining: Bool { draining.load(ordering: .relaxed) }
    var openCount: Int { total.load(ordering: .relaxed) }
    /// The open connections of one frontend (`%fc`).
    func openCount(frontend: String) -> Int { frontends[frontend]?.open.load(ordering: .relaxed) ?? 0 }

    func addListener(_ channel: Channel, frontend: String) {
        listeners.withLockedValue { $0.append((frontend, channel)) }
    }

    func opened(_ channel: Channel, frontend: String) {
        let count = total.wrappingIncrementThenLoad(ordering: .relaxed)
        let frontendCount = frontends[frontend].map { ($0.open.wrappingIncrementThenLoad(ordering: .relaxed), $0.limit) }
        frontends[frontend]?.accepted.wrappingIncrement(ordering: .relaxed)
        if let entry = frontends[frontend], let count = frontendCount { Self.raise(entry.peak, to: count.0) }
        channels.value(on: channel.eventLoop).entries[ObjectIdentifier(channel)] = (channel, frontend, .now())
        let globalFull = globalLimit.map { count >= $0 } ?? false
        let frontendFull = frontendCount.map { count, limit in limit.map { count >= $0 } ?? false } ?? false
        if globalFull || frontendFull { refreshListeners(only: globalFull ? nil : frontend) }
        if let wait = rateLimits.accepted(now: ActivityClock().milliseconds) {
            // Over the accept rate limit: pause every listener, and look again once the rate has fallen.
            refreshListeners(only: nil)
            channel.eventLoop.scheduleTask(in: .milliseconds(Int64(wait))) { self.refreshListeners(only: nil) }
        }
    }

    /// A channel closed (called on its event loop, as every registry change); a channel whose
    /// socket was parked (see `parked`) keeps its count.
    func closed(_ channel: Channel, frontend: String) {
        let wasOpen = channels.value(on: channel.eventLoop).entries.removeValue(forKey: ObjectIdentifier(channel)) != nil
        if wasOpen { release(frontend) }
    }

    /// The channel's socket goes on without it (parked idle, see `IdleParking`): it stays counted.
    func parked(_ channel: Channel) {
        channels.value(on: channel.eventLoop).entries.removeValue(forKey: ObjectIdentifier(channel))
    }

    /// A parked socket is back in a channel: registered again, counted once.
    func adopted(_ channel: Channel, frontend: String) {
        channels.value(on: channel.eventLoop).entries[ObjectIdentifier(channel)] = (channel, frontend, .now())
    }

    /// A connection closed: its counts go down, and a listener paused at a limit may accept again.
    func release(_ frontend: String) {
        let count = total.wrappingDecrementThenLoad(ordering: .relaxed)
        let frontendCount = frontends[frontend].map { ($0.open.wrappingDecrementThenLoad(ordering: .relaxed), $0.limit) }
        guard !isDraining else { return }
        // Only a count that just fell below its limit can let a paused listener accept again.
        let globalFreed = globalLimit.map { count == $0 - 1 } ?? false
        let frontendFreed = frontendCount.map { count, limit in limit.map { count == $0 - 1 } ?? false } ?? false
        if globalFreed || frontendFreed { refreshListeners(only: globalFreed ? nil : frontend) }
    }

    /// A frontend's open connections, their peak and its `maxconn` (the global one when it has none), for `show stat`.
    func frontendCounts(_ frontend: String) -> (current: Int, peak: Int, limit: Int?) {
        guard let count = frontends[frontend] else { return (0, 0, globalLimit) }
        return (count.open.load(ordering: .relaxed), count.peak.load(ordering: .relaxed), count.limit ?? globalLimit)
    }

    /// `set maxconn frontend NAME N`; false when there is no such frontend.
    func setFrontendLimit(_ frontend: String, _ limit: Int) -> Bool {
        guard let count = frontends[frontend] else { return false }
        count.limitValue.store(limit, ordering: .relaxed)
        refreshListeners(only: frontend)
        return true
    }

    /// `set maxconn global N` (0: no limit).
    func setGlobalLimit(_ limit: Int) {
        globalLimitValue.store(limit, ordering: .relaxed)
        refreshListeners(only: nil)
    }

    /// The open connections with their frontend and when they opened, for `show sess`: each loop lists its own.
    func sessions(on loop: EventLoop) -> EventLoopFuture<[Session]> {
        let lists = channels.each { loopChannels in
            loopChannels.entries.values.map { Session(channel: $0.channel, frontend: $0.frontend, opened: $0.opened) }
        }
        return EventLoopFuture.reduce([], lists, on: loop) { all, list in all + (list ?? []) }
    }

    /// An open client connection as `show sess` lists it.
    struct Session: Sendable {
        let channel: Channel
        let frontend: String
        let opened: NIODeadline
    }

    private static func raise(_ peak: ManagedAtomic<Int>, to value: Int) {
        var seen = peak.load(ordering: .relaxed)
        while value > seen {
            let (exchanged, original) = peak.compareExchange(expected: seen, desired: value, ordering: .relaxed)
            if exchanged { return }
            seen = original
        }
    }

    /// Whether a frontend's listeners must stop accepting now.
    private func isFull(_ frontend: String) -> Bool {
        if isDraining { return true }
        if rateLimits.isPaused(now: ActivityClock().milliseconds) { return true }
        if let globalLimit, total.load(ordering: .relaxed) >= globalLimit { return true }
        guard let count = frontends[frontend], let limit = count.limit else { return false }
        return count.open.load(ordering: .relaxed) >= limit
    }

    /// Sets `autoRead` on the listeners (of one frontend, or all) from the counts, on each listener's loop.
    private func refreshListeners(only frontend: String?) {
        for listener in listeners.withLockedValue({ $0 }) where frontend == nil || listener.frontend == frontend {
            let channel = listener.channel
            channel.eventLoop.execute {
                guard channel.isActive else { return }
                channel.setOption(.autoRead, value: !self.isFull(listener.frontend)).whenComplete { _ in }
            }
        }
    }

    /// Stops accepting: closes the listeners and tells open connections to finish (each loop its own).
    func drain() -> [EventLoopFuture<Void>] {
        draining.store(true, ordering: .relaxed)
        let closing = listeners.withLockedValue { $0.map(\.channel) }.map { $0.close() }
        let told = channels.each { loopChannels in
            for entry in loopChannels.entries.values { entry.channel.pipeline.fireUserInboundEventTriggered(DrainEvent()) }
        }
        return closing + told.map { $0.map { _ in } }
    }

    /// The connections each frontend accepted since start, by name.
    func acceptedCounts() -> [String: Int] {
        frontends.mapValues { $0.accepted.load(ordering: .relaxed) }
    }

    /// A hard stop: closes every open client connection now (each loop its own); returns how many there were.
    @discardableResult
    func closeAll() async -> Int {
        let closed = channels.each { loopChannels in
            for entry in loopChannels.entries.values { entry.channel.close(promise: nil) }
            return loopChannels.entries.count
        }
        var count = 0
        for future in closed { count += (try? await future.get()) ?? 0 }
        return count
    }

    /// The open client connections on each event loop (for tests and statistics).
    func openCountByLoop() async -> [ObjectIdentifier: Int] {
        var counts: [ObjectIdentifier: Int] = [:]
        for future in channels.each({ loopChannels in loopChannels.entries.values.map { ObjectIdentifier($0.channel.eventLoop) } }) {
            for loop in (try? await future.get()) ?? [] { counts[loop, default: 0] += 1 }
        }
        return counts
    }
}
