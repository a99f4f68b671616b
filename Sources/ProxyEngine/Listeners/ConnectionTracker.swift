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
/// A lock guards only the registry of open channels and listeners, taken
/// once when a connection opens and once when it closes. A listener's
/// `autoRead` is decided on its own event loop from the counts as they are
/// then, so that pauses and resumes from several loops cannot cross.
final class ConnectionTracker: Sendable {
    private struct Registry {
        var channels: [ObjectIdentifier: Channel] = [:]
        var listeners: [(frontend: String, channel: Channel)] = []
    }

    /// One frontend's count and `maxconn`.
    private struct FrontendCount: Sendable {
        let open = ManagedAtomic<Int>(0)
        let limit: Int?
    }

    let globalLimit: Int?
    private let total = ManagedAtomic<Int>(0)
    private let draining = ManagedAtomic<Bool>(false)
    private let frontends: [String: FrontendCount]
    private let registry = NIOLockedValueBox(Registry())

    init(globalLimit: Int?, frontends: [FrontendPlan]) {
        self.globalLimit = globalLimit
        var counts: [String: FrontendCount] = [:]
        for frontend in frontends { counts[frontend.name] = FrontendCount(limit: frontend.maxconn) }
        self.frontends = counts
    }

    var isDraining: Bool { draining.load(ordering: .relaxed) }
    var openCount: Int { total.load(ordering: .relaxed) }
    /// The open connections of one frontend (`%fc`).
    func openCount(frontend: String) -> Int { frontends[frontend]?.open.load(ordering: .relaxed) ?? 0 }

    func addListener(_ channel: Channel, frontend: String) {
        registry.withLockedValue { $0.listeners.append((frontend, channel)) }
    }

    func opened(_ channel: Channel, frontend: String) {
        let count = total.wrappingIncrementThenLoad(ordering: .relaxed)
        let frontendCount = frontends[frontend].map { ($0.open.wrappingIncrementThenLoad(ordering: .relaxed), $0.limit) }
        registry.withLockedValue { $0.channels[ObjectIdentifier(channel)] = channel }
        let globalFull = globalLimit.map { count >= $0 } ?? false
        let frontendFull = frontendCount.map { count, limit in limit.map { count >= $0 } ?? false } ?? false
        if globalFull || frontendFull { refreshListeners(only: globalFull ? nil : frontend) }
    }

    /// A channel closed; a channel whose socket was parked (see `parked`) keeps its count.
    func closed(_ channel: Channel, frontend: String) {
        let wasOpen = registry.withLockedValue { $0.channels.removeValue(forKey: ObjectIdentifier(channel)) != nil }
        if wasOpen { release(frontend) }
    }

    /// The channel's socket goes on without it (parked idle, see `IdleParking`): it stays counted.
    func parked(_ channel: Channel) {
        registry.withLockedValue { _ = $0.channels.removeValue(forKey: ObjectIdentifier(channel)) }
    }

    /// A parked socket is back in a channel: registered again, counted once.
    func adopted(_ channel: Channel) {
        registry.withLockedValue { $0.channels[ObjectIdentifier(channel)] = channel }
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

    /// Whether a frontend's listeners must stop accepting now.
    private func isFull(_ frontend: String) -> Bool {
        if isDraining { return true }
        if let globalLimit, total.load(ordering: .relaxed) >= globalLimit { return true }
        guard let count = frontends[frontend], let limit = count.limit else { return false }
        return count.open.load(ordering: .relaxed) >= limit
    }

    /// Sets `autoRead` on the listeners (of one frontend, or all) from the counts, on each listener's loop.
    private func refreshListeners(only frontend: String?) {
        let listeners = registry.withLockedValue { $0.listeners }
        for listener in listeners where frontend == nil || listener.frontend == frontend {
            let channel = listener.channel
            channel.eventLoop.execute {
                guard channel.isActive else { return }
                channel.setOption(.autoRead, value: !self.isFull(listener.frontend)).whenComplete { _ in }
            }
        }
    }

    /// Stops accepting: closes the listeners and tells open connections to finish.
    func drain() -> [EventLoopFuture<Void>] {
        draining.store(true, ordering: .relaxed)
        let (listeners, channels) = registry.withLockedValue { ($0.listeners.map(\.channel), Array($0.channels.values)) }
        let closing = listeners.map { $0.close() }
        for channel in channels { channel.pipeline.fireUserInboundEventTriggered(DrainEvent()) }
        return closing
    }

    /// The open client connections on each event loop (for tests and statistics).
    func openCountByLoop() -> [ObjectIdentifier: Int] {
        registry.withLockedValue { registry in
            registry.channels.values.reduce(into: [:]) { $0[ObjectIdentifier($1.eventLoop), default: 0] += 1 }
        }
    }
}
