import ConfigDiagnostics
import KeepalivedConfig

/// An `authentication` block keepalived drops: VRRPv3, strict mode, or AH over IPv6.
struct VRRPAuthIgnored: KeepalivedRule {
    static let description = RuleDescription(
        id: "vrrp-auth-ignored", severity: .error, domain: .keepalived,
        summary: "An authentication block that keepalived ignores (VRRPv3, vrrp_strict, or AH with IPv6).",
        rationale: """
            VRRPv3 (RFC 5798) removed authentication. An instance speaking version 3, from its own `version 3`, \
            the global `vrrp_version 3`, or IPv6 virtual addresses, has its PASS or AH authentication dropped \
            ("VRRP version 3 does not support authentication. Ignoring."); so has one under `vrrp_strict`, and AH \
            cannot be used over IPv6. The nodes then accept advertisements from anyone on the segment, while \
            the configuration suggests otherwise. keepalived -t reports it as a configuration error.
            """,
        fix: "Remove the authentication block, or speak VRRPv2 without vrrp_strict if you rely on it.",
        triggering: [
            .keepalived("""
                global_defs {
                    vrrp_version 3
                }
                vrrp_instance VI_1 {
                    state BACKUP
                    interface eth0
                    virtual_router_id 51
                    priority 100
                    ↓authentication {
                        auth_type PASS
                        auth_pass secret
                    }
                    virtual_ipaddress {
                        192.168.1.10/24
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
                    authentication {
                        auth_type PASS
                        auth_pass secret
                    }
                    virtual_ipaddress {
                        192.168.1.10/24
                    }
                }

                """),
        ])

    static let version3 = "VRRPv3 has no authentication: keepalived ignores this block"
    static let strict = "vrrp_strict does not allow authentication: keepalived ignores this block"
    static let ahOverIPv6 = "AH authentication cannot be used with IPv6: keepalived ignores this block"

    func check(_ context: KeepalivedCheckContext, _ findings: inout Findings) {
        for instance in context.configuration.instances {
            guard let authentication = instance.authentication, authentication.type != nil else { continue }
            let range = context.range(of: authentication.location)
            if context.isStrict(instance) {
                findings.report(Self.strict, at: range)
            } else if context.vrrpVersion(of: instance) == 3 {
                findings.report(Self.version3, at: range)
            } else if authentication.type == "AH", context.family(of: instance) == .ipv6 {
                findings.report(Self.ahOverIPv6, at: range)
            }
        }
    }
}
