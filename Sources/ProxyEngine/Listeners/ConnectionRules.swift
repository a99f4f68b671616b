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
        var facts = RequestFacts(source: client?.ipAddress, sourcePort: client?.port, destination: local?.ipAddress,
                                 destinationPort: local?.port)
        // The `proc` variables are the process's: read here, and what the rules changed written back.
        let process = engine.usesProcessVariables ? engine.processVariables.withLockedValue { $0 } : [:]
        facts.variables = process
        let stages: Set<TCPRule.Stage> = frontend.mode == .tcp ? [.connection, .session, .content] : [.connection, .session]
        let verdict = engine.router.tcpVerdict(frontend, stages: stages, facts)
        if engine.usesProcessVariables {
            let after = verdict.facts.variables.filter { $0.key.hasPrefix("proc.") }
            if after != process {
                engine.processVariables.withLockedValue { stored in
                    for name in process.keys where after[name] == nil { stored[name] = nil }
                    for (name, value) in after where process[name] != value { stored[name] = value }
                }
            }
        }
        guard verdict.accepted else { return nil }
        return verdict.facts.variables.filter { $0.key.hasPrefix("sess.") }
    }
}
