import NIOCore
import RuntimePlan

extension ProxyEngine {
    /// The event-loop threads a plan runs on: `override` (`weir run --threads`), else the plan's
    /// `nbthread`, else one per core. Each listener accepts on one loop and hands every new
    /// connection to the next loop of the group in turn; a connection stays on its loop.
    public static func threadCount(for plan: RuntimePlan, override: Int? = nil) -> Int {
        max(1, override ?? plan.global.nbthread ?? System.coreCount)
    }
}
