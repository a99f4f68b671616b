import Foundation

/// A value worked out by the first rule that asks for it and shared with the
/// rules running beside it: rules run side by side, so the first caller
/// computes under a lock and the others wait for its result. Nothing is
/// computed when no enabled rule asks.
final class SharedOnce<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private let make: @Sendable () -> Value
    private var value: Value?

    init(_ make: @escaping @Sendable () -> Value) { self.make = make }

    var wrappedValue: Value {
        lock.lock()
        defer { lock.unlock() }
        if let value { return value }
        let made = make()
        value = made
        return made
    }
}
