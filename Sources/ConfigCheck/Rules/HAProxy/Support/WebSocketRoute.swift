import HAProxyConfig

/// A `use_backend … if COND` rule whose condition recognises a WebSocket
/// upgrade, with the frontend it is in and the backend it reaches.
struct WebSocketRoute {
    let frontend: EffectiveProxy
    let rule: UseBackendRule
    let backend: EffectiveProxy

    /// Whether an ACL recognises a WebSocket upgrade: the `Upgrade` header
    /// tested for `websocket`, or the `Connection` header for `upgrade`.
    static func testsUpgrade(_ acl: ACLTestSpec) -> Bool {
        guard let header = acl.fetchArgument?.lowercased(), acl.fetch.contains("hdr") else { return false }
        let values = acl.values.map { $0.text.lowercased() }
        return (header == "upgrade" && values.contains { $0.contains("websocket") })
            || (header == "connection" && values.contains { $0.contains("upgrade") })
    }

    /// Every WebSocket route of the configuration whose backend exists, in file order.
    static func all(in context: HAProxyCheckContext) -> [WebSocketRoute] {
        var routes: [WebSocketRoute] = []
        for frontend in context.frontends {
            let proxy = frontend.proxy
            let upgradeACLs = Set(ACLTestSpec.all(in: proxy, of: context, criterion: ACLTestSpec.mayTestHeader)
                .filter(testsUpgrade).compactMap(\.name))
            let conditions = Dictionary(context.conditions(of: proxy).map { ($0.directive.range.start.offset, $0) }) { first, _ in first }
            for rule in proxy.useBackends {
                guard rule.condition?.polarity == .if, let use = conditions[rule.range.start.offset] else { continue }
                let anonymous = use.anonymous.compactMap {
                    ACLTestSpec(words: $0.map(\.text), ranges: $0.map(\.range), fallback: use.directive.range, name: nil)
                }
                guard use.references.contains(where: { upgradeACLs.contains($0.name) }) || anonymous.contains(where: testsUpgrade),
                      let backend = context.backend(named: rule.backend) else { continue }
                routes.append(WebSocketRoute(frontend: frontend, rule: rule, backend: backend))
            }
        }
        return routes
    }
}
