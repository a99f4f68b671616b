import NIOCore
import RuntimePlan

/// A frontend's `tcp-request connection` and `session` rules (and, in `mode tcp`,
/// its `content` rules, none of which waits for data) run on a newly accepted
/// connection, before any handler sees it.
enum ConnectionRules {
    /// The connection's `sess` variables when it is accepted, nil when a rule rejects it.
    static func admit(_ channel: Channel, engine: EngineContext, frontend: FrontendPlan) -> [String: Sample]? {
        guard !frontend.tcpRequestRules.isEmpty else { return [:] }
        let client = channel.remoteAddress, local = channel.localAddress
        let facts = RequestFacts(source: client?.ipAddress, sourcePort: client?.port, destination: local?.ipAddress,
                                 destinationPort: local?.port)
        let stages: Set<TCPRule.Stage> = frontend.mode == .tcp ? [.connection, .session, .content] : [.connection, .session]
        let verdict = engine.router.tcpVerdict(frontend, stages: stages, facts)
        guard verdict.accepted else { return nil }
        return verdict.facts.variables.filter { $0.key.hasPrefix("sess.") }
    }
}
