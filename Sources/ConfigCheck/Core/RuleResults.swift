import ConfigDiagnostics
import Foundation

/// The findings of rules that run at the same time, one slot per rule, so
/// that the result keeps rule order whatever order they finish in.
final class RuleResults: @unchecked Sendable {
    // Guarded by `lock`.
    private var slots: [[Diagnostic]]
    private let lock = NSLock()

    init(count: Int) { slots = Array(repeating: [], count: count) }

    func store(_ diagnostics: [Diagnostic], at index: Int) {
        lock.lock()
        slots[index] = diagnostics
        lock.unlock()
    }

    var all: [Diagnostic] {
        lock.lock()
        defer { lock.unlock() }
        return slots.flatMap { $0 }
    }
}
