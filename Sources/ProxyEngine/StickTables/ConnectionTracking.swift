import NIOCore
import RuntimePlan

/// Runs a frontend's `tcp-request connection|session` stick-counter rules
/// when a client connects. The counters stay tracked, and every request of
/// the connection counts on them, until the connection closes.
enum ConnectionTracking {
    /// The connection's counters; nil when the frontend has no such rule.
    static func start(_ engine: EngineContext, _ frontend: FrontendPlan, _ channel: Channel) -> TrackedCounters? {
        guard !frontend.connectionStickRules.isEmpty, !engine.stickTables.isEmpty else { return nil }
        let counters = TrackedCounters(tables: engine.stickTables, defaultTable: frontend.name, connection: nil,
                                       countsRequestOnTrack: false)
        let client = channel.remoteAddress, local = channel.localAddress
        var facts = RequestFacts(source: client?.ipAddress, sourcePort: client?.port, destination: local?.ipAddress,
                                 destinationPort: local?.port)
        facts.stickCounters = StickCounterHandle(counters)
        for rule in frontend.connectionStickRules where rule.condition.map({ engine.router.evaluator.evaluate($0, facts) }) ?? true {
            StickCounterStep.run(rule.action, on: facts)
        }
        // A session starts once the connection rules have passed (`session_count_new`).
        for slot in 0..<TrackedCounters.slotCount {
            if let tracked = counters.tracked(slot) { tracked.table.countSession(tracked.entry) }
        }
        return counters
    }
}
