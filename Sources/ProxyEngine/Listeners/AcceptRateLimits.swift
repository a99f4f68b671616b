import Atomics
import NIOConcurrencyHelpers

/// The process's accept rate limits that `set rate-limit connections|sessions
/// global N` sets (HAProxy's `global.cps_lim` and `global.sps_lim`, 0: none):
/// once the connections accepted over the last second reach a limit, the
/// listeners stop accepting until the sliding rate falls under it again, as
/// src/listener.c `listener_accept` waits `next_event_delay`. The engine
/// makes a session of each connection it accepts, so both limits count the
/// same accepts. Nothing is counted while no limit is set.
final class AcceptRateLimits: Sendable {
    /// Which limit a command sets.
    enum Kind: Sendable { case connections, sessions }

    private let connectionLimit = ManagedAtomic<Int>(0)
    private let sessionLimit = ManagedAtomic<Int>(0)
    /// Accepts over the last second, and until when (monotonic milliseconds) the listeners wait.
    private let state = NIOLockedValueBox<(accepts: FrequencyCounter, pausedUntil: UInt32?)>((FrequencyCounter(), nil))

    func limit(_ kind: Kind) -> Int {
        (kind == .connections ? connectionLimit : sessionLimit).load(ordering: .relaxed)
    }

    func set(_ kind: Kind, _ value: Int) {
        (kind == .connections ? connectionLimit : sessionLimit).store(value, ordering: .relaxed)
        state.withLockedValue { $0.pausedUntil = nil }
    }

    /// The lowest limit set, nil when none is.
    private var effectiveLimit: UInt32? {
        let limits = [connectionLimit.load(ordering: .relaxed), sessionLimit.load(ordering: .relaxed)].filter { $0 > 0 }
        return limits.min().map { UInt32(clamping: $0) }
    }

    /// Counts an accepted connection at `now`; returns how many milliseconds the listeners must wait (nil: none).
    func accepted(now: UInt32) -> Int? {
        guard let limit = effectiveLimit else { return nil }
        return state.withLockedValue { state -> Int? in
            state.accepts.add(1, period: RowActivity.period, now: now)
            guard state.accepts.rate(period: RowActivity.period, now: now) >= limit else { return nil }
            // The first moment (in steps of 10 ms) when the sliding rate is under the limit again.
            var wait: UInt32 = 10
            while wait < RowActivity.period, state.accepts.rate(period: RowActivity.period, now: now &+ wait) >= limit { wait += 10 }
            state.pausedUntil = now &+ wait
            return Int(wait)
        }
    }

    /// Whether the listeners wait at `now`.
    func isPaused(now: UInt32) -> Bool {
        guard effectiveLimit != nil else { return false }
        return state.withLockedValue { state in
            guard let until = state.pausedUntil else { return false }
            return Int32(bitPattern: until &- now) > 0
        }
    }
}
