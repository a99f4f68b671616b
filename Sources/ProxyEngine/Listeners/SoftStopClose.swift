import Atomics
import NIOCore
import RuntimePlan

/// How a soft stop closes keep-alive connections, as HAProxy 2.6's `close-spread-time` (mux_h1.c): without
/// it, idle connections close at once and busy ones after their response; with a window, an idle connection
/// closes at a random moment in what remains of the window, and a busy one closes after a response when what
/// remains is no more than a random part of the window (more likely as it runs out); with `infinite`, the stop
/// closes none of them. The window starts when the listeners close, after `grace`.
final class SoftStopClose: Sendable {
    /// When an idle connection closes once the stop has begun.
    enum IdleClose: Equatable {
        case now
        case after(TimeAmount)
        case never
    }

    private let spread: ProcessPlan.CloseSpread?
    /// The window's end in uptime nanoseconds; 0 until the stop begins.
    private let windowEnd = ManagedAtomic<Int64>(0)

    init(_ spread: ProcessPlan.CloseSpread?) {
        self.spread = spread
    }

    /// The soft stop begins: the window starts now.
    func begin() {
        guard case .window(let ms) = spread else { return }
        windowEnd.store(NIODeadline.now().uptimeNanoseconds.clampedInt64 + Int64(ms) * 1_000_000, ordering: .relaxed)
    }

    /// Whether a keep-alive connection of a stopping engine closes at once, as without `close-spread-time`.
    var closesAtOnce: Bool { spread == nil }

    /// Whether a keep-alive connection of a stopping engine closes after the response being sent.
    func closesAfterResponse() -> Bool {
        switch spread {
        case nil: return true
        case .infinite: return false
        case .window(let ms):
            let remaining = remainingNanoseconds()
            return remaining <= 0 || remaining <= Int64.random(in: 0..<Int64(ms) * 1_000_000)
        }
    }

    /// When an idle keep-alive connection of a stopping engine closes.
    func idleClose() -> IdleClose {
        switch spread {
        case nil: return .now
        case .infinite: return .never
        case .window:
            let remaining = remainingNanoseconds()
            return remaining <= 0 ? .now : .after(.nanoseconds(Int64.random(in: 0..<remaining)))
        }
    }

    private func remainingNanoseconds() -> Int64 {
        let end = windowEnd.load(ordering: .relaxed)
        return end == 0 ? 0 : end - NIODeadline.now().uptimeNanoseconds.clampedInt64
    }
}

private extension UInt64 {
    var clampedInt64: Int64 { Int64(clamping: self) }
}
