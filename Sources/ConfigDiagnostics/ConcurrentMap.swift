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
        let pieces = Swift.min(16, count / Swift.max(1, piece) + 1)
        return ConfigDiagnostics.concurrentMap(count: pieces) { index in
            self[(startIndex + count * index / pieces)..<(startIndex + count * (index + 1) / pieces)].map(transform)
        }.flatMap { $0 }
    }
}

/// The results' storage: each index is written once, by the one piece of
/// work that owns it, and read only after every piece has finished.
private struct ResultSlots<Value>: @unchecked Sendable {
    let base: UnsafeMutablePointer<Value>
}
