import HAProxyConfig
import RuntimePlan

/// Compiles the `peers` sections: `peer NAME ADDRESS:PORT` lines, the 2.x
/// form (`bind ADDRESS:PORT` with `server NAME [ADDRESS:PORT]`), `disabled`,
/// and the global `localpeer`. The `table` lines are StickTableCompiler's.
enum PeersCompiler {
    static func compile(_ configuration: HAProxyConfiguration, context: inout PlanningContext) -> [PeersPlan]? {
        let localPeerLine = configuration.global?.directives.last { $0.keyword == "localpeer" }
        if let localPeerLine { context.markHandled(localPeerLine.range) }
        guard !configuration.peers.isEmpty else { return nil }
        let localPeer = localPeerLine?.arguments.first
        return configuration.peers.map { section in
            var plan = PeersPlan(name: section.name, localPeer: localPeer, source: SourceRef(section.range))
            for peer in section.peers {
                let endpoint = peer.address.flatMap { try? ServerCompiler.endpoint($0).get() }
                plan.peers.append(PeersPlan.Peer(name: peer.name, endpoint: endpoint, source: SourceRef(peer.range)))
            }
            for directive in section.directives {
                switch directive.keyword {
                case "bind":
                    let address = directive.arguments.first.flatMap {
                        try? ConfigAddress.parse($0, portRequired: true, allowRange: false).get()
                    }
                    plan.bind = address.flatMap { try? ServerCompiler.endpoint($0).get() }
                case "disabled": plan.disabled = true
                case "enabled": plan.disabled = false
                default: break
                }
            }
            return plan
        }
    }
}
