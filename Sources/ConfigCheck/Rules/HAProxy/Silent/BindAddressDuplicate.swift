import ConfigDiagnostics
import HAProxyConfig

/// The same address and port bound by two listeners.
struct BindAddressDuplicate: HAProxyRule {
    static let description = RuleDescription(
        id: "bind-address-duplicate", severity: .warning, domain: .haproxy,
        summary: "The same address and port are bound twice, in one proxy or in two.",
        rationale: """
            HAProxy binds its listeners with SO_REUSEPORT, so two `bind` lines on the same address and port both \
            succeed, and the kernel then spreads new connections between them. When the two are in different \
            frontends, some clients silently get the other frontend's rules and backends; in the same frontend \
            the second line is useless. HAProxy says nothing. Weir compares the written addresses (`*`, an empty \
            host and `0.0.0.0` are the same); overlaps between a wildcard and one address are not reported.
            """,
        fix: "Give each listener its own port or address, or remove the duplicate line.",
        triggering: [
            .haproxy("""
                frontend web
                    bind :80
                    default_backend app
                frontend legacy
                    ↓bind *:80
                    default_backend app
                backend app
                    server a 127.0.0.1:8080

                """),
        ],
        nonTriggering: [
            .haproxy("""
                frontend web
                    bind :80
                    bind 10.0.0.1:80
                    default_backend app
                frontend legacy
                    bind :8080
                    default_backend app
                backend app
                    server a 127.0.0.1:8080

                """),
        ])

    static func message(_ address: String, _ proxy: String) -> String {
        "\(address) is already bound by \(proxy): HAProxy binds both and the kernel shares connections between them"
    }

    func check(_ context: HAProxyCheckContext, _ findings: inout Findings) {
        var first: [String: (proxy: String, range: SourceRange)] = [:]
        for proxy in context.configuration.proxies where proxy.kind.hasFrontend {
            for bind in proxy.binds {
                for address in bind.addresses {
                    guard case .single(let port) = address.port,
                          [.ipv4, .ipv6, .hostname, .any].contains(address.family) else { continue }
                    let host = address.family == .any || address.host == "0.0.0.0" ? "*" : address.host
                    let key = "\(address.prefix ?? "")\(host):\(port)"
                    let label = "'\(proxy.kind.rawValue) \(proxy.name ?? "")'"
                    if let earlier = first[key] {
                        findings.report(Self.message("\(host):\(port)", earlier.proxy), at: bind.range,
                                        notes: [DiagnosticNote(message: "bound here first", range: earlier.range)])
                    } else {
                        first[key] = (label, bind.range)
                    }
                }
            }
        }
    }
}
