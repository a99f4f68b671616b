import Foundation

/// A value worked out by the first rule that asks for it and shared with the
/// rules running beside it: rules run side by side, so the first caller
/// computes under a lock and the others wait for its result. Nothing is
/// computed when no enabled rule asks.
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
