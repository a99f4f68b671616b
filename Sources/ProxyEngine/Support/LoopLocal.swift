import NIOConcurrencyHelpers
import NIOCore

/// One value per event loop (a server pool, a counter shard, the balancers),
/// as HAProxy keeps its pools and counters per thread: a connection finds its
/// loop's value without a lock. The engine's loops are known when it starts,
/// so their slots are made then and never change; each slot is read and
/// filled only on its own loop. A loop the engine was not started with (a
/// test's `EmbeddedEventLoop`) gets its slot behind a lock on first use.
final class LoopLocal<Value>: Sendable {
    private let slots: [ObjectIdentifier: Slot]
    private let lateSlots = NIOLockedValueBox<[ObjectIdentifier: Slot]>([:])
    private let make: @Sendable (EventLoop) -> Value

    private struct Slot: Sendable {
        let loop: EventLoop
        let box: NIOLoopBoundBox<Value?>
    }

    /// `loops`: the engine's event loops; `make` makes a loop's value on that loop, when it is first asked for.
    init(loops: [EventLoop], make: @escaping @Sendable (EventLoop) -> Value) {
        var slots: [ObjectIdentifier: Slot] = [:]
        for loop in loops {
            slots[ObjectIdentifier(loop)] = Slot(loop: loop, box: .makeEmptyBox(valueType: Value.self, eventLoop: loop))
        }
        self.slots = slots
        self.make = make
    }

    /// The value of the calling event loop.
    func value(on loop: EventLoop) -> Value {
        let key = ObjectIdentifier(loop)
        let box = slots[key]?.box ?? lateSlot(loop, key).box
        if let value = box.value { return value }
        let value = make(loop)
        box.value = value
        return value
    }

    /// Runs `body` on each loop with that loop's value (loops that never made one are skipped).
    func each<Result: Sendable>(_ body: @escaping @Sendable (Value) -> Result) -> [EventLoopFuture<Result?>] {
        let all = Array(slots.values) + lateSlots.withLockedValue { Array($0.values) }
        return all.map { slot in
            slot.loop.submit { slot.box.value.map(body) }
        }
    }

    private func lateSlot(_ loop: EventLoop, _ key: ObjectIdentifier) -> Slot {
        lateSlots.withLockedValue { slots in
            if let slot = slots[key] { return slot }
            let slot = Slot(loop: loop, box: .makeEmptyBox(valueType: Value.self, eventLoop: loop))
            slots[key] = slot
            return slot
        }
    }
}
