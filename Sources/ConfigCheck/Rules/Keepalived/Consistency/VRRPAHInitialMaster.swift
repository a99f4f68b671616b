import ConfigDiagnostics

/// An instance that starts as MASTER with AH authentication.
struct VRRPAHInitialMaster: KeepalivedRule {
    static let description = RuleDescription(
        id: "vrrp-ah-initial-master", severity: .error, domain: .keepalived,
        summary: "A VRRP instance with AH authentication starts in state MASTER.",
        rationale: """
            With IPsec AH authentication keepalived must learn the sequence numbers of its peers before it \
            can send advertisements, so it refuses an initial MASTER state: it clears it and starts as BACKUP, \
            and 'keepalived -t' reports the configuration.
            """,
        fix: "Use 'state BACKUP' (the priority still elects the master), or drop AH authentication.",
        triggering: [
            .keepalived("""
                vrrp_instance VI_1 {
                    state ↓MASTER
                    interface eth0
                    virtual_router_id 51
                    priority 101
                    authentication {
                        auth_type AH
                        auth_pass secret
                    }
                    virtual_ipaddress {
                        10.0.0.10/24
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
                    priority 101
                    authentication {
                        auth_type AH
                        auth_pass secret
                    }
                    virtual_ipaddress {
                        10.0.0.10/24
                    }
                }

                """),
        ])

    static let message = "keepalived does not start an instance with AH authentication as MASTER: it clears the state"

    func check(_ context: KeepalivedCheckContext, _ findings: inout Findings) {
        for instance in context.configuration.instances
        where instance.state?.uppercased() == "MASTER" && instance.authentication?.type?.uppercased() == "AH" {
            findings.report(Self.message, at: context.valueRange("state", in: instance.location)
                                ?? context.nameRange(instance.location))
        }
    }
}
