#if canImport(Glibc)
import Glibc
#endif
import CEpoll
import Foundation
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import RuntimePlan

/// Idle keep-alive client connections held outside SwiftNIO, so that an idle
/// connection costs a socket and a small entry instead of a channel, its
/// pipeline and buffers (HAProxy likewise frees an idle connection's buffers).
///
/// A connection idle for `delay` with nothing buffered and everything written
/// is parked: its descriptor is duplicated, the channel is closed (NIO only
/// calls close(2), so no FIN leaves), and the duplicate waits in an epoll set
/// of its own with its `timeout http-keep-alive` deadline. When the client
/// sends bytes, the socket goes back into a channel on the event loop it came
/// from; when the client closes, or the deadline passes, the socket is closed.
/// A parked connection keeps its place in the `maxconn` counts until then.
/// Linux only (epoll).
final class IdleParking: Sendable {
    /// What is kept of a parked connection.
    private struct Entry {
        let engine: EngineContext
        let frontend: FrontendContext
        let loop: EventLoop
        /// Monotonic milliseconds after which it is closed; nil: no keep-alive timeout.
        let deadline: UInt64?
    }

    private struct State {
        var entries: [Int32: Entry] = [:]
        var stopped = false
        /// A soft stop has begun: no connection is parked any more.
        var refusing = false
    }

    /// How long a connection stays idle in its channel before it is parked.
    let delay: TimeAmount
    private let poller: Int32
    private let state = NIOLockedValueBox(State())
    init(delay: TimeAmount) {
        self.delay = delay
        self.poller = epoll_create1(Int32(EPOLL_CLOEXEC))
    }

    /// How many connections are parked now.
    var count: Int { state.withLockedValue { $0.entries.count } }

    /// Starts the thread that waits on the parked sockets.
    func start() {
        guard poller >= 0 else { return }
        let thread = Thread { [self] in self.run() }
        thread.name = "weir-idle-parking"
        thread.start()
    }

    /// Takes a connected socket (a duplicate the caller gives up) until the
    /// client sends something, closes, or `keepAlive` passes. False when the
    /// lot is closed or the socket cannot be watched: the caller keeps its channel.
    func park(_ descriptor: Int32, engine: EngineContext, frontend: FrontendContext, loop: EventLoop, keepAlive: TimeAmount?) -> Bool {
        let deadline = keepAlive.map { Self.nowMs() + UInt64(max(0, $0.nanoseconds / 1_000_000)) }
        let accepted = state.withLockedValue { state -> Bool in
            guard !state.stopped, !state.refusing, poller >= 0 else { return false }
            state.entries[descriptor] = Entry(engine: engine, frontend: frontend, loop: loop, deadline: deadline)
            return true
        }
        guard accepted else { return false }
        guard watch(descriptor, operation: EPOLL_CTL_ADD) else {
            state.withLockedValue { _ = $0.entries.removeValue(forKey: descriptor) }
            return false
        }
        return true
    }

    /// Closes every parked socket and ends the thread (graceful stop: an idle connection is closed at once).
    func stop() {
        let entries = state.withLockedValue { state -> [Int32: Entry] in
            state.stopped = true
            defer { state.entries = [:] }
            return state.entries
        }
        for (descriptor, entry) in entries {
            close(descriptor)
            Self.closed(entry)
        }
    }

    /// A soft stop begins: each parked connection closes as `softStop` decides for an idle one (at once, at a
    /// moment within `close-spread-time`, or only when its client or its keep-alive timeout closes it).
    func beginStop(_ softStop: SoftStopClose) {
        guard !softStop.closesAtOnce else { return stop() }
        let now = Self.nowMs()
        let closing = state.withLockedValue { state -> [(Int32, Entry)] in
            state.refusing = true
            var due: [(Int32, Entry)] = []
            for (descriptor, entry) in state.entries {
                switch softStop.idleClose() {
                case .now:
                    due.append((descriptor, entry))
                    state.entries.removeValue(forKey: descriptor)
                case .after(let delay):
                    let at = now + UInt64(max(0, delay.nanoseconds / 1_000_000))
                    state.entries[descriptor] = Entry(engine: entry.engine, frontend: entry.frontend, loop: entry.loop,
                                                      deadline: min(entry.deadline ?? at, at))
                case .never:
                    continue
                }
            }
            return due
        }
        for (descriptor, entry) in closing {
            epoll_ctl(poller, EPOLL_CTL_DEL, descriptor, nil)
            close(descriptor)
            Self.closed(entry)
        }
    }

    /// A parked connection is over: its counts go down.
    private static func closed(_ entry: Entry) {
        entry.engine.connections.release(entry.frontend.plan.name)
    }

    private func watch(_ descriptor: Int32, operation: Int32) -> Bool {
        var event = epoll_event()
        event.events = EPOLLIN.rawValue | EPOLLRDHUP.rawValue | EPOLLONESHOT.rawValue
        event.data.fd = descriptor
        return epoll_ctl(poller, operation, descriptor, &event) == 0
    }

    private func run() {
        var events = [epoll_event](repeating: epoll_event(), count: 64)
        var nextSweep = Self.nowMs() + 100
        while !state.withLockedValue({ $0.stopped }) {
            let ready = epoll_wait(poller, &events, Int32(events.count), 100)
            for index in 0..<max(0, Int(ready)) { wake(events[index].data.fd) }
            let now = Self.nowMs()
            if now >= nextSweep {
                expire(now)
                nextSweep = now + 100
            }
        }
        close(poller)
    }

    /// A parked socket became readable: bytes go back to a channel, an end of stream closes it.
    private func wake(_ descriptor: Int32) {
        guard let entry = state.withLockedValue({ $0.entries.removeValue(forKey: descriptor) }) else { return }
        epoll_ctl(poller, EPOLL_CTL_DEL, descriptor, nil)
        var byte: UInt8 = 0
        let peeked = recv(descriptor, &byte, 1, Int32(MSG_PEEK | MSG_DONTWAIT))
        if peeked < 0, errno == EAGAIN || errno == EWOULDBLOCK {
            let kept = state.withLockedValue { state -> Bool in
                guard !state.stopped else { return false }
                state.entries[descriptor] = entry
                return true
            }
            if kept, watch(descriptor, operation: EPOLL_CTL_ADD) { return }
            state.withLockedValue { _ = $0.entries.removeValue(forKey: descriptor) }
        }
        guard peeked > 0 else {
            close(descriptor)
            Self.closed(entry)
            return
        }
        // From here the channel owns the socket: on a failure NIO closes it, and the close releases the count.
        _ = ClientChannelSetup.adopt(descriptor, engine: entry.engine, shared: entry.frontend, on: entry.loop)
    }

    /// Closes the sockets whose keep-alive deadline passed, silently, as HAProxy does.
    private func expire(_ now: UInt64) {
        let expired = state.withLockedValue { state -> [(Int32, Entry)] in
            let due = state.entries.filter { $0.value.deadline.map { $0 <= now } ?? false }
            for (descriptor, _) in due { state.entries.removeValue(forKey: descriptor) }
            return due.map { ($0.key, $0.value) }
        }
        for (descriptor, entry) in expired {
            epoll_ctl(poller, EPOLL_CTL_DEL, descriptor, nil)
            close(descriptor)
            Self.closed(entry)
        }
    }

    private static func nowMs() -> UInt64 {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return UInt64(time.tv_sec) * 1_000 + UInt64(time.tv_nsec) / 1_000_000
    }
}
