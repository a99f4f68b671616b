import Foundation

/// How work grows with input size, measured as a ratio of two sizes in the
/// same process, so that a loaded machine slows both alike. A test asserts
/// complexity (linear against quadratic), never a wall-clock budget.
public enum GrowthRatio {
    /// The time `body(large)` takes divided by the time `body(small)` takes,
    /// each the fastest of `attempts` runs. For an input eight times larger a
    /// linear algorithm gives about 8 and a quadratic one about 64.
    public static func measure(small: Int, large: Int, attempts: Int = 3, _ body: (Int) throws -> Void) throws -> Double {
        func fastest(_ size: Int) throws -> Double {
            var best = Double.infinity
            for _ in 0..<attempts {
                let start = DispatchTime.now().uptimeNanoseconds
                try body(size)
                best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start))
            }
            return max(best, 1)
        }
        return try fastest(large) / fastest(small)
    }
}
