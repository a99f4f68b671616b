import NIOConcurrencyHelpers
import NIOCore

/// `stats maxconn`: the most runtime API sessions open at once over all the `stats socket` listeners (HAProxy's
/// CLI frontend; 10 by default). A connection past the limit waits unread, its session not started, until a
/// session ends, as it would wait in the backlog of HAProxy's full CLI listeners.
final class CLIAdmission: Sendable {
    private struct Waiting {
        let channel: Channel
        let start: @Sendable () -> Void
    }

    private struct State {
        var active = 0
        var waiting: [Waiting] = []
    }

    private let limit: Int
    private let state = NIOLockedValueBox(State())

    /// `limit`: the configured `stats maxconn` (nil: HAProxy's 10).
    init(limit: Int?) { self.limit = max(1, limit ?? 10) }

    /// Whether `channel` may start its session now; if not, `start` runs (on the channel's loop) once a session ends.
    /// Either way the place is given back when the channel closes.
    func admit(_ channel: Channel, start: @escaping @Sendable () -> Void) -> Bool {
        let admitted = state.withLockedValue { state -> Bool in
            guard state.active < limit else {
                state.waiting.append(Waiting(channel: channel, start: start))
                return false
            }
            state.active += 1
            return true
        }
        channel.closeFuture.whenComplete { _ in self.closed(channel) }
        return admitted
    }

    private func closed(_ channel: Channel) {
        let next = state.withLockedValue { state -> Waiting? in
            if let index = state.waiting.firstIndex(where: { $0.channel === channel }) {
                state.waiting.remove(at: index)
                return nil
            }
            state.active -= 1
            guard !state.waiting.isEmpty else { return nil }
            state.active += 1
            return state.waiting.removeFirst()
        }
        guard let next else { return }
        next.channel.eventLoop.execute(next.start)
    }
}
