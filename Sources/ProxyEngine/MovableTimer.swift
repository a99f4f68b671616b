import NIOCore

/// A timeout whose deadline moves far more often than it expires (every
/// request of a keep-alive connection, every part of a response). At most one
/// task is scheduled: moving the deadline only records it, and a task that
/// wakes before the deadline sleeps again until it. Time is the event loop's
/// (virtual on an `EmbeddedEventLoop`). Used on its event loop only.
final class MovableTimer {
    private let eventLoop: EventLoop
    private let expired: () -> Void
    private var task: Scheduled<Void>?
    /// When the scheduled task wakes.
    private var wakeUp = NIODeadline.distantFuture
    private var deadline: NIODeadline?

    /// `expired` runs on the event loop when a deadline passes without being moved or stopped.
    init(on eventLoop: EventLoop, expired: @escaping () -> Void) {
        self.eventLoop = eventLoop
        self.expired = expired
    }

    /// Sets the deadline to `timeout` from now. A task that would wake after
    /// it (a shorter timeout following a longer one) is replaced.
    func start(_ timeout: TimeAmount) {
        let deadline = eventLoop.now + timeout
        self.deadline = deadline
        if task != nil, wakeUp > deadline {
            task?.cancel()
            task = nil
        }
        if task == nil { schedule() }
    }

    /// No deadline until the next `start`; a task already scheduled wakes and does nothing.
    func stop() { deadline = nil }

    /// No deadline, and the scheduled task is cancelled (the owner is done with the timer).
    func cancel() {
        deadline = nil
        task?.cancel()
        task = nil
    }

    private func schedule() {
        guard let deadline else { return }
        wakeUp = deadline
        task = eventLoop.assumeIsolated().scheduleTask(deadline: deadline) { [weak self] in
            guard let self else { return }
            self.task = nil
            guard let deadline = self.deadline else { return }
            if self.eventLoop.now < deadline { return self.schedule() }
            self.deadline = nil
            self.expired()
        }
    }
}
