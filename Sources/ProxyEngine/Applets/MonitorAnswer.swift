import NIOCore
import RuntimePlan

/// What a frontend answers on its `monitor-uri`, as HAProxy 2.6: its 200
/// page ("Service ready."), or its 503 page when a `monitor fail`
/// condition holds; the connection stays open when the client keeps it alive.
enum MonitorAnswer {
    static func response(_ monitor: MonitorPlan, _ facts: RequestFacts, evaluator: ACLEvaluator, closing: Bool) -> ByteBuffer {
        let failing = monitor.failConditions.contains { evaluator.evaluate($0, facts) }
        return ErrorPages.response(failing ? 503 : 200, closing: closing)
    }
}
