import Dispatch

/// Runs `work` for every index in `0..<count` side by side on every core
/// and returns the results in index order, whatever order they finish in.
/// For work cut into pieces that only read shared values (a parser's
/// sections, a checker's rules); one piece runs inline.
public func concurrentMap<Value: Sendable>(count: Int, _ work: @Sendable (Int) -> Value) -> [Value] {
    guard count > 1 else { return (0..<count).map(work) }
    return Array(unsafeUninitializedCapacity: count) { buffer, initialized in
        let slots = ResultSlots(base: buffer.baseAddress!)
        DispatchQueue.concurrentPerform(iterations: count) { index in
            (slots.base + index).initialize(to: work(index))
        }
        initialized = count
    }
}

extension RandomAccessCollection where Self: Sendable, Index == Int {
    /// `map`, cut into at most 16 runs of at least `piece` elements that
    /// run side by side: for cheap transforms of many elements (lines,
    /// proxies), where one task per element would cost more than it saves.
    public func concurrentMap<Value: Sendable>(piece: Int = 512, _ transform: @Sendable (Element) -> Value) -> [Value] {
        let total = count
        let pieces = Swift.min(16, total / Swift.max(1, piece) + 1)
        guard pieces > 1 else { return map(transform) }
        // Each run writes its results in place: no per-run arrays to join and free afterwards.
        return Array(unsafeUninitializedCapacity: total) { buffer, initialized in
            let slots = ResultSlots(base: buffer.baseAddress!)
            DispatchQueue.concurrentPerform(iterations: pieces) { run in
                for offset in (total * run / pieces)..<(total * (run + 1) / pieces) {
                    (slots.base + offset).initialize(to: transform(self[startIndex + offset]))
                }
            }
            initialized = total
        }
    }
}

/// The results' storage: each index is written once, by the one piece of
/// work that owns it, and read only after every piece has finished.
private struct ResultSlots<Value>: @unchecked Sendable {
    let base: UnsafeMutablePointer<Value>
}
