import Foundation

/// A value several rules share, worked out once: by the linter's shared work
/// ahead of the rules (`HAProxyCheckContext.sharedWork`), or else by the
/// first caller, under a lock, while any other caller waits for its result.
/// Nothing is computed when nothing asks.
final class SharedOnce<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private let make: @Sendable () -> Value
    private var stored: Value?

    init(_ make: @escaping @Sendable () -> Value) { self.make = make }

    /// Works the value out now, if no one has yet.
    func prepare() { _ = value }

    /// The value, worked out on the first call.
    var value: Value {
        lock.lock()
        defer { lock.unlock() }
        if let stored { return stored }
        let made = make()
        stored = made
        return made
    }
}
