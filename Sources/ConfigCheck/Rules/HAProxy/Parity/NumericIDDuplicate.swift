import ConfigDiagnostics
import HAProxyConfig

/// A numeric `id` given twice: to two proxies, two servers of one backend or two binds of one frontend; or an
/// `id` on a bind line that opens several sockets.
struct NumericIDDuplicate: HAProxyRule {
    static let description = RuleDescription(
        id: "numeric-id-duplicate", severity: .error, domain: .haproxy,
        summary: "The same numeric `id` on two proxies, two servers of a backend or two binds of a frontend, or an `id` on a bind with several sockets.",
        rationale: """
            The `id` keyword fixes the number HAProxy shows for a proxy, server or listener in its statistics, \
            logs and SNMP tables. Proxy ids are shared by all proxies, server ids by the servers of one proxy, \
            listener ids by the binds of one proxy; HAProxy refuses a number used twice ("backend app reuses \
            same custom id as frontend web", "custom id 1 already used at … ('server a')"). A bind line that \
            opens several sockets (several addresses, a port range) cannot take one `id` ("can only be used with \
            a single socket").
            """,
        fix: "Give each one its own number, or drop `id` and let HAProxy number them.",
        triggering: [
            .haproxy("""
                defaults
                    mode http
                    timeout connect 5s
                    timeout client 30s
                    timeout server 30s
                frontend web
                    id 5
                    bind 127.0.0.1:8080 id 3
                    bind 127.0.0.1:8082 ↓id 3
                    bind 127.0.0.1:8090-8091 ↓id 4
                    default_backend app
                backend app
                    ↓id 5
                    server a 127.0.0.1:9000 id 1
                    server b 127.0.0.1:9001 ↓id 1

                """),
        ],
        nonTriggering: [
            .haproxy("""
                defaults
                    mode http
                    timeout connect 5s
                    timeout client 30s
                    timeout server 30s
                frontend web
                    id 5
                    bind 127.0.0.1:8080 id 3
                    bind 127.0.0.1:8082 id 4
                    default_backend app
                backend app
                    id 6
                    server a 127.0.0.1:9000 id 1
                    server b 127.0.0.1:9001 id 3
                backend other
                    server a 127.0.0.1:9002 id 1

                """),
        ])

    /// The number C's `atol` reads: the leading digits.
    static func number(_ text: String?) -> Int? {
        guard let text else { return nil }
        return Int(String(text.prefix { $0.isASCII && $0.isNumber }))
    }

    func check(_ context: HAProxyCheckContext, _ findings: inout Findings) {
        var proxyIDs: [Int: Proxy] = [:]
        for proxy in context.configuration.proxies {
            if let line = proxy.directives("id").first, let id = Self.number(line.arguments.first), id > 0 {
                if let first = proxyIDs[id] {
                    findings.report("\(proxy.kind.rawValue) \(proxy.name ?? "") reuses same custom id as "
                                    + "\(first.kind.rawValue) \(first.name ?? "")", at: line.range)
                } else {
                    proxyIDs[id] = proxy
                }
            }
            var serverIDs: [Int: String] = [:]
            for server in proxy.servers {
                guard let option = server.option("id"), let id = Self.number(option.value) else { continue }
                if let first = serverIDs[id] {
                    findings.report("'id' : custom id \(id) already used by server '\(first)'", at: option.range)
                } else {
                    serverIDs[id] = server.name
                }
            }
            var bindIDs: Set<Int> = []
            for bind in proxy.binds {
                guard let option = bind.options.first(where: { $0.name == "id" }), let id = Self.number(option.value)
                else { continue }
                let sockets = bind.addresses.reduce(0) { total, address in
                    if case .range(let low, let high)? = address.port { return total + max(1, high - low + 1) }
                    return total + 1
                }
                if sockets > 1 {
                    findings.report("'id' can only be used with a single socket", at: option.range)
                } else if !bindIDs.insert(id).inserted {
                    findings.report("'id' : custom id \(id) already used by another bind line", at: option.range)
                }
            }
        }
    }
}
