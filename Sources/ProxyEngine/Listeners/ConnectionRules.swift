import NIOCore
import RuntimePlan

/// What the rules of an accepted connection left for its handlers.
struct ConnectionAdmission {
    /// The `sess` variables.
    var session: [String: Sample] = [:]
    /// The request capture slots `tcp-request content capture` filled (`mode tcp`; empty without slots).
    var requestCaptures: [String?] = []
}

/// A frontend's `tcp-request connection` and `session` rules (and, in `mode tcp`,
/// its `content` rules, none of which waits for data) run on a newly accepted
/// connection, before any handler sees it.
enum ConnectionRules {
    /// What the rules left when the connection is accepted, nil when a rule rejects it.
    static func admit(_ channel: Channel, engine: EngineContext, frontend: FrontendPlan) -> ConnectionAdmission? {
        guard !frontend.tcpRequestRules.isEmpty else { return ConnectionAdmission() }
        let client = channel.remoteAddress, local = channel.localAddress
        var facts = RequestFacts(source: client?.ipAddress, sourcePort: client?.port, destination: local?.ipAddress,
                                 destinationPort: local?.port)
        // The `proc` variables are the process's: read here, and what the rules changed written back.
        let process = engine.usesProcessVariables ? engine.processVariables.withLockedValue { $0 } : [:]
        facts.variables = process
        let stages: Set<TCPRule.Stage> = frontend.mode == .tcp ? [.connection, .session, .content] : [.connection, .session]
        if frontend.mode == .tcp, !frontend.log.requestCaptures.isEmpty { facts.requestCaptures = CaptureSlots(frontend.log.requestCaptures) }
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
        return ConnectionAdmission(session: verdict.facts.variables.filter { $0.key.hasPrefix("sess.") },
                                   requestCaptures: verdict.facts.requestCaptures.values)
    }
}
