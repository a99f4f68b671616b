import NIOCore

/// HAProxy 2.6's turn-around before a connection retry to the same server
/// after a connection error (refused, reset, unreachable; not a `timeout
/// connect`, which is retried at once): one second, or `timeout connect` when
/// it is shorter. A retry that redispatches to another server does not wait.
enum RetryPause {
    static let longest = TimeAmount.seconds(1)

    /// The pause before trying the same server again, for a backend's connect timeout.
    static func after(_ connectTimeout: TimeAmount) -> TimeAmount { min(longest, connectTimeout) }
}
