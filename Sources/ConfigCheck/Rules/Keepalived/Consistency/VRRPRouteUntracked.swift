import ConfigDiagnostics
import KeepalivedConfig

/// A `virtual_routes` entry without `dev`, which keepalived cannot track.
struct VRRPRouteUntracked: KeepalivedRule {
    static let description = RuleDescription(
        id: "vrrp-route-untracked", severity: .error, domain: .keepalived,
        summary: "A virtual_routes entry names no interface, so keepalived cannot track it.",
        rationale: """
            keepalived adds an instance's virtual routes when it becomes master and watches them so that it \
            can restore them. A route without 'dev IFACE' is added but not tracked: if it is removed or \
            replaced it stays so. 'keepalived -t' reports each such route.
            """,
        fix: "Add 'dev IFACE' to the route.",
        triggering: [
            .keepalived("""
                vrrp_instance VI_1 {
                    state BACKUP
                    interface eth0
                    virtual_router_id 51
                    priority 100
                    virtual_ipaddress {
                        10.0.0.10/24
                    }
                    virtual_routes {
                        ↓192.168.112.0/24 via 10.0.0.254
                    }
                }

                """),
        ],
        nonTriggering: [
            .keepalived("""
                vrrp_instance VI_1 {
                    state BACKUP
                    interface eth0
                    virtual_router_id 51
                    priority 100
                    virtual_ipaddress {
                        10.0.0.10/24
                    }
                    virtual_routes {
                        192.168.112.0/24 via 10.0.0.254 dev eth0
                    }
                }

                """),
        ])

    static func message(_ route: String) -> String {
        "route \(route) names no interface ('dev IFACE'): keepalived adds it but cannot track it"
    }

    func check(_ context: KeepalivedCheckContext, _ findings: inout Findings) {
        for instance in context.configuration.instances {
            for route in context.line("virtual_routes", in: instance.location)?.children ?? [] {
                let words = [route.keyword] + route.arguments
                guard !words.contains(where: { $0.text == "dev" }) else { continue }
                let destination = words.first { $0.text.contains("/") || $0.text.contains(".") || $0.text.contains(":") }
                    ?? route.keyword
                findings.report(Self.message(destination.text), at: context.range(of: destination))
            }
        }
    }
}
